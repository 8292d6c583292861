namespace WarmTransfer.Tests.Support;

/// <summary>Fresh Twilio-shaped identifiers, so tests never share grains.</summary>
public static class Sid
{
    public static string Call() => "CA" + Guid.NewGuid().ToString("N");

    public static string Conference() => "CF" + Guid.NewGuid().ToString("N");

    public static string Agent(string name) => $"{name}_{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A fresh CallSid that <paramref name="fits"/> accepts (e.g. one stored in a given record).</summary>
    public static string CallWhere(Func<string, bool> fits)
    {
        var callSid = Call();
        while (!fits(callSid))
        {
            callSid = Call();
        }

        return callSid;
    }
}
