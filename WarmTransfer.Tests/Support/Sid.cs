namespace WarmTransfer.Tests.Support;

/// <summary>Fresh Twilio-shaped identifiers, so tests never share grains.</summary>
public static class Sid
{
    public static string Call() => "CA" + Guid.NewGuid().ToString("N");

    public static string Conference() => "CF" + Guid.NewGuid().ToString("N");

    public static string Agent(string name) => $"{name}_{Guid.NewGuid().ToString("N")[..8]}";
}
