namespace WarmTransfer.TwilioEmulator;

internal static class Sids
{
    public static string New(string prefix) => prefix + Guid.NewGuid().ToString("N");
}
