using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Twilio;

namespace WarmTransfer.Tests.Support;

/// <summary>Posts webhooks to a test host the way Twilio does: form-encoded and signed over the public URL.</summary>
public sealed class SignedWebhooks(TestWebHost host, HttpClient client)
{
    public Task<HttpResponseMessage> PostAsync(string path, IReadOnlyDictionary<string, string> form, string? idempotencyToken = null)
    {
        var url = new Uri(host.PublicBaseUrl, path).AbsoluteUri;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseUrl, path)) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignatureFilter.SignatureHeader, TwilioSignature.Compute(TestCredentials.AuthToken, url, form));
        request.Headers.Add(ReplayFilter.IdempotencyTokenHeader, idempotencyToken ?? Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }

    public Dictionary<string, string> IncomingCall(string callSid) => new()
    {
        ["AccountSid"] = TestCredentials.AccountSid,
        ["CallSid"] = callSid,
        ["From"] = "+15550001111",
        ["To"] = TestCredentials.CallerId,
        ["CallStatus"] = "ringing",
        ["Direction"] = "inbound",
        ["ApiVersion"] = "2010-04-01",
    };
}
