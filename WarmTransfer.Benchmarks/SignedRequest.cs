using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Benchmarks;

/// <summary>A webhook as Twilio would post it: form body and the X-Twilio-Signature over the public URL and that body.</summary>
public sealed record SignedRequest(Uri Url, IReadOnlyDictionary<string, string> Form, string Signature)
{
    public static SignedRequest Of(Uri url, IReadOnlyDictionary<string, string> form) =>
        new(url, form, TwilioSignature.Compute(EmulatorAccount.AuthToken, url.AbsoluteUri, form));

    public const string IncomingCallRoute = "/conference/connect/client";

    /// <summary>Twilio's incoming-call webhook for a new caller (fields from Twilio's "TwiML Voice webhook" request parameters).</summary>
    public static SignedRequest IncomingCall(Uri baseUrl) => Of(new Uri(baseUrl, IncomingCallRoute), new Dictionary<string, string>
    {
        ["AccountSid"] = EmulatorAccount.AccountSid,
        ["CallSid"] = "CA" + Guid.NewGuid().ToString("N"),
        ["From"] = "+15550001111",
        ["To"] = EmulatorAccount.PhoneNumber,
        ["CallStatus"] = "ringing",
        ["Direction"] = "inbound",
        ["ApiVersion"] = "2010-04-01",
    });

    /// <summary>Twilio's conference callback when the caller of an incoming-call webhook joins their conference (waiting for an agent).</summary>
    public SignedRequest CallerJoined(Uri baseUrl)
    {
        var callSid = Form["CallSid"];
        return Of(new Uri(baseUrl, $"/conference/{callSid}/events"), new Dictionary<string, string>
        {
            ["AccountSid"] = EmulatorAccount.AccountSid,
            ["ConferenceSid"] = "CF" + Guid.NewGuid().ToString("N"),
            ["FriendlyName"] = callSid,
            ["SequenceNumber"] = "1",
            ["StatusCallbackEvent"] = "participant-join",
            ["CallSid"] = callSid,
            ["Hold"] = "false",
            ["Muted"] = "false",
            ["EndConferenceOnExit"] = "true",
            ["StartConferenceOnEnter"] = "false",
            ["ParticipantLabel"] = "caller",
            ["Timestamp"] = DateTimeOffset.UtcNow.ToString("R"),
        });
    }

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new FormUrlEncodedContent(Form) };
        message.Headers.Add("X-Twilio-Signature", Signature);
        return message;
    }
}
