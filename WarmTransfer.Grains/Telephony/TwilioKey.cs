namespace WarmTransfer.Grains.Telephony;

/// <summary>The optional Twilio settings a feature may need.</summary>
public enum TwilioKey
{
    AccountSid,
    AuthToken,
    ApiKeySid,
    ApiKeySecret,
    CallerId,
}
