using System.Text.RegularExpressions;

namespace WarmTransfer.Web.Twilio;

/// <summary>Twilio's identifiers: two letters and 32 hex digits.</summary>
public static partial class Sids
{
    public static bool IsCallSid(string? value) => value is not null && CallSid().IsMatch(value);

    public static bool IsConferenceSid(string? value) => value is not null && ConferenceSid().IsMatch(value);

    // \z, not $: in .NET "$" also matches before a final "\n", so a CallSid with a trailing newline would pass.
    [GeneratedRegex(@"\ACA[0-9a-fA-F]{32}\z")]
    private static partial Regex CallSid();

    [GeneratedRegex(@"\ACF[0-9a-fA-F]{32}\z")]
    private static partial Regex ConferenceSid();
}
