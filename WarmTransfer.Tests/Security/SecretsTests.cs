using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Accounts;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Security;

[Trait("Tier", Tier.Http)]
public sealed class SecretsTests
{
    [Fact]
    public async Task Secrets_never_appear_in_logs_or_responses()
    {
        var logs = new CapturedLogs();
        await using var host = await TestWebHost.StartAsync(
            settings => settings["Logging:LogLevel:Default"] = "Trace",
            services: builder => builder.Logging.AddProvider(logs));
        var responses = new List<string>();
        using var client = host.CreateClient();

        // Sign-ins that fail and succeed, a token, forged and valid webhooks, and a dial Twilio cannot take.
        var session = await client.GetFromJsonAsync<SessionView>("/account/session", Json.Options);
        foreach (var password in new[] { "wrong password", TestCredentials.AgentPassword })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin") { Content = JsonContent.Create(new SignInRequest("alice", password)) };
            request.Headers.Add(CsrfFilter.HeaderName, session!.CsrfToken);
            responses.Add(await (await client.SendAsync(request)).Content.ReadAsStringAsync());
        }

        using var alice = await AgentSession.SignInAsync(host, "alice");
        var token = await alice.ConnectAsync();
        var webhooks = new SignedWebhooks(host, client);
        var callSid = Sid.Call();
        responses.Add(await (await webhooks.PostAsync("/conference/connect/client", webhooks.IncomingCall(callSid))).Content.ReadAsStringAsync());
        var forged = new HttpRequestMessage(HttpMethod.Post, "/conference/connect/client") { Content = new FormUrlEncodedContent(webhooks.IncomingCall(Sid.Call())) };
        forged.Headers.Add("X-Twilio-Signature", "AAAA");
        responses.Add(await (await client.SendAsync(forged)).Content.ReadAsStringAsync());
        await Eventually.Until(
            () => host.Grains.GetGrain<IConferenceGrain>(callSid).GetAsync(),
            view => view.Phase == ConferencePhase.Queued,
            "the dial to fail against the unreachable Twilio API and the caller to wait");

        var secrets = new[] { TestCredentials.AuthToken, TestCredentials.ApiKeySecret, TestCredentials.AgentPassword, TestCredentials.AgentPasswordHash, token.Token };
        Assert.Contains(logs.Lines, line => line.Contains("Twilio could not be reached"));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(responses, body => body.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_console_is_served_with_a_content_security_policy_allowing_only_our_scripts_and_twilio()
    {
        await using var host = await TestWebHost.StartAsync();
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("connect-src 'self' https://*.twilio.com wss://*.twilio.com;", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}
