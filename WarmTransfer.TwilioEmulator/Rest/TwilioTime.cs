using System.Globalization;

namespace WarmTransfer.TwilioEmulator;

/// <summary>Twilio's date format on the wire: RFC 2822 with the right weekday (the SDK throws on anything else).</summary>
internal static class TwilioTime
{
    public static string Rfc2822(DateTimeOffset at) => at.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
}
