namespace WarmTransfer.Grains.Telephony;

/// <summary>The telephone network refused or could not be reached. Code is Twilio's error code when it gave one.</summary>
public sealed class TelephonyException(string message, int? code = null, Exception? inner = null) : Exception(message, inner)
{
    public int? Code { get; } = code;

    /// <summary>The request never left this process (<see cref="TwilioRequestLimits"/>): Twilio did nothing.</summary>
    public bool NotSent { get; init; }
}
