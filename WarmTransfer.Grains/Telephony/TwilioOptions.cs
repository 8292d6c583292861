using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.Grains.Telephony;

/// <summary>Configuration section "Twilio". Every key is optional at start-up; what is missing is named where it is needed.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    [RegularExpression("^AC[0-9a-fA-F]{32}$", ErrorMessage = "Twilio:AccountSid must look like AC followed by 32 hex digits.")]
    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    [RegularExpression("^SK[0-9a-fA-F]{32}$", ErrorMessage = "Twilio:ApiKeySid must look like SK followed by 32 hex digits.")]
    public string? ApiKeySid { get; set; }

    /// <summary>Twilio's API key secrets are 32 characters; the HS256 signature of an access token needs at least 32 bytes of key.</summary>
    [MinLength(32, ErrorMessage = "Twilio:ApiKeySecret must be at least 32 characters (an API key secret from the Twilio console).")]
    public string? ApiKeySecret { get; set; }

    /// <summary>Our Twilio number: the From of every call we place.</summary>
    [RegularExpression(@"^\+[1-9][0-9]{1,14}$", ErrorMessage = "Twilio:CallerId must be an E.164 number such as +15551234567.")]
    public string? CallerId { get; set; }

    /// <summary>Where the Twilio SDK sends REST requests; a fake Twilio on loopback in tests.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://api.twilio.com");

    /// <summary>How long an agent's browser rings before Twilio reports no-answer.</summary>
    [Range(5, 600)]
    public int RingTimeoutSeconds { get; set; } = 20;

    /// <summary>
    /// REST requests this process may have at Twilio at once (<see cref="TwilioRequestLimits"/>). Twilio's concurrency limit
    /// is per account, so with several silos keep their sum under it.
    /// </summary>
    [Range(2, 1000)]
    public int MaxConcurrentRequests { get; set; } = 32;

    /// <summary>The keys that are not set, among those named.</summary>
    public IReadOnlyList<string> Missing(params TwilioKey[] keys) =>
        [.. keys.Where(key => string.IsNullOrWhiteSpace(ValueOf(key))).Select(key => $"{Section}:{key}")];

    private string? ValueOf(TwilioKey key) => key switch
    {
        TwilioKey.AccountSid => AccountSid,
        TwilioKey.AuthToken => AuthToken,
        TwilioKey.ApiKeySid => ApiKeySid,
        TwilioKey.ApiKeySecret => ApiKeySecret,
        TwilioKey.CallerId => CallerId,
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };
}
