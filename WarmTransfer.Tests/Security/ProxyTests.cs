using System.Net;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Security;

/// <summary>Behind ngrok: Twilio signs the public https URL while the host listens on http://127.0.0.1.</summary>
[Trait("Tier", Tier.Http)]
public sealed class ProxyTests
{
    [Fact]
    public async Task Webhooks_signed_over_the_public_https_url_pass_and_those_signed_over_the_local_url_do_not()
    {
        const string publicBase = "https://calls.example.test";
        await using var host = await TestWebHost.StartAsync(settings => settings["WarmTransfer:PublicBaseUrl"] = publicBase);
        using var client = host.CreateClient();
        var form = new Dictionary<string, string> { ["CallSid"] = Sid.Call() };

        using var viaPublic = await Post(client, "/conference/wait", form, TwilioSignature.Compute(TestCredentials.AuthToken, $"{publicBase}/conference/wait", form));
        using var viaLocal = await Post(client, "/conference/wait", form, TwilioSignature.Compute(TestCredentials.AuthToken, new Uri(host.BaseUrl, "/conference/wait").AbsoluteUri, form));
        using var withPort = await Post(client, "/conference/wait", form, TwilioSignature.Compute(TestCredentials.AuthToken, $"https://calls.example.test:8443/conference/wait", form));

        Assert.Equal(HttpStatusCode.OK, viaPublic.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viaLocal.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withPort.StatusCode);
    }

    [Fact]
    public async Task Callback_urls_in_twiml_use_the_public_base_url()
    {
        const string publicBase = "https://calls.example.test";
        await using var host = await TestWebHost.StartAsync(settings => settings["WarmTransfer:PublicBaseUrl"] = publicBase);
        using var client = host.CreateClient();
        var callSid = Sid.Call();
        var form = new SignedWebhooks(host, client).IncomingCall(callSid);

        using var response = await Post(client, "/conference/connect/client", form, TwilioSignature.Compute(TestCredentials.AuthToken, $"{publicBase}/conference/connect/client", form));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"waitUrl=\"{publicBase}/conference/wait\"", body);
        Assert.Contains($"statusCallback=\"{publicBase}/conference/{callSid}/events\"", body);
    }

    [Fact]
    public async Task A_whole_call_works_through_a_tls_terminating_tunnel()
    {
        await using var center = await Scenarios.CallCenter.StartAsync(configure: settings => settings["WarmTransfer:PublicBaseUrl"] = "https://calls.example.test");
        await center.ConnectAsync("alice");

        var (caller, _) = await center.CallAnsweredByAsync("alice");

        Assert.All(center.Twilio.Webhooks, webhook =>
        {
            Assert.StartsWith("https://calls.example.test/", webhook.Url);
            Assert.InRange(webhook.Status, 200, 299);
        });
        Assert.Equal(Audio.Conversation, center.Twilio.Read(() => caller.Hearing));
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, Dictionary<string, string> form, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature);
        return client.SendAsync(request);
    }
}
