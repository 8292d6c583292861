using System.Text.RegularExpressions;

namespace WarmTransfer.Web.Twilio;

/// <summary>Twilio's identifiers: two letters and 32 hex digits.</summary>
public static partial class Sids
{
    public static bool IsCallSid(string? value) => value is not null && CallSid().IsMatch(value);

    public static bool IsConferenceSid(string? value) => value is not null && ConferenceSid().IsMatch(value);

    [GeneratedRegex("^CA[0-9a-fA-F]{32}$")]
    private static partial Regex CallSid();

    [GeneratedRegex("^CF[0-9a-fA-F]{32}$")]
    private static partial Regex ConferenceSid();
}
