using System.Net;
using Microsoft.AspNetCore.Mvc;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.Web.Accounts;
using static WarmTransfer.Tests.Security.HostileRequests;

namespace WarmTransfer.Tests.Security;

/// <summary>Bodies in a charset we do not read are the client's fault: 415 with a reason, never a 500, and nothing changes.</summary>
[Trait("Tier", Tier.Http)]
public sealed class CharsetTests(SecuredHostFixture fixture) : IClassFixture<SecuredHostFixture>
{
    public static TheoryData<string> UnsupportedCharsets => new() { "charset=nonsense", "charset=utf-7", "charset=", "charset=\"utf-7\"", "charset=utf-8;charset=latin1" };

    public static TheoryData<string, string, string> AgentJsonRoutes => new()
    {
        { "PUT", "/agents/alice/presence", """{"presence":"away"}""" },
        { "POST", "/agents/alice/transfer", """{"to":"bob"}""" },
        { "POST", "/agents/alice/hold", """{"hold":true}""" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedCharsets))]
    public async Task An_agent_json_body_in_an_unsupported_charset_gets_415_and_changes_nothing(string charset)
    {
        using var alice = await AgentSession.SignInAsync(fixture.Host, "alice");
        var before = await fixture.WatchedStateAsync();

        foreach (var (method, path, body) in AgentJsonRoutes.Select(row => ((string)row[0], (string)row[1], (string)row[2])))
        {
            using var response = await alice.Client.SendAsync(AsAgent(alice, new HttpMethod(method), path, Body(body, $"application/json; {charset}")));

            await AssertUnsupportedCharset(response, $"{method} {path}");
        }

        Assert.Equal(before, await fixture.WatchedStateAsync());
    }

    [Theory]
    [MemberData(nameof(UnsupportedCharsets))]
    public async Task A_sign_in_in_an_unsupported_charset_gets_415_without_a_cookie_or_csrf_token(string charset)
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.PostAsync("/account/signin",
            Body($$"""{"agentId":"alice","password":"{{TestCredentials.AgentPassword}}"}""", $"application/json; {charset}"));

        await AssertUnsupportedCharset(response, "POST /account/signin");
    }

    [Fact]
    public async Task A_quoted_utf8_charset_is_read_as_utf8()
    {
        using var client = fixture.Host.CreateClient();
        var session = await client.GetFromJsonAsync<SessionView>("/account/session", Json.Options);
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = Body($$"""{"agentId":"bob","password":"{{TestCredentials.AgentPassword}}"}""", "application/json; charset=\"UTF-8\""),
        };
        request.Headers.Add("X-CSRF-TOKEN", session!.CsrfToken);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bob", (await response.Content.ReadFromJsonAsync<SessionView>(Json.Options))!.AgentId);
    }

    public static TheoryData<string, string> WebhookBodies => new()
    {
        { "/conference/connect/client", "urlencoded" },
        { "/conference/connect/client", "multipart" },
        { "/conference/{alice}/events", "urlencoded" },
        { "/conference/{alice}/events", "multipart" },
        { "/conference/caller/status", "urlencoded" },
        { "/conference/caller/status", "multipart" },
        { "/conference/wait", "urlencoded" },
        { "/conference/wait", "multipart" },
    };

    [Theory]
    [MemberData(nameof(WebhookBodies))]
    public async Task A_signed_webhook_in_utf7_gets_415_and_changes_nothing(string route, string encoding)
    {
        var before = await fixture.WatchedStateAsync();
        var path = route.Replace("{alice}", fixture.AliceConference);
        var call = await fixture.AliceCallAsync();
        var form = new Dictionary<string, string>
        {
            ["CallSid"] = route.Contains("connect") ? Sid.Call() : fixture.AliceConference,
            ["CallStatus"] = "completed",
            ["ConferenceSid"] = call.ConferenceSid!,
            ["FriendlyName"] = fixture.AliceConference,
            ["SequenceNumber"] = "900",
            ["StatusCallbackEvent"] = "conference-end",
        };
        var content = encoding == "multipart"
            ? Multipart(form, "text/plain; charset=utf-7")
            : Body(UrlEncoded(form), "application/x-www-form-urlencoded; charset=utf-7");
        using var client = fixture.Host.CreateClient();

        using var response = await client.SendAsync(SignedWebhook(fixture.Host, path, form, content));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await fixture.WatchedStateAsync());
        if (form["CallSid"] != fixture.AliceConference)
        {
            Assert.Equal(ConferencePhase.None, (await fixture.Host.Grains.GetGrain<IConferenceGrain>(form["CallSid"]).GetAsync()).Phase);
        }
    }

    [Theory]
    [InlineData("urlencoded")]
    [InlineData("multipart")]
    public async Task The_seed_transfer_form_in_utf7_gets_415_and_changes_nothing(string encoding)
    {
        using var alice = await AgentSession.SignInAsync(fixture.Host, "alice");
        var before = await fixture.WatchedStateAsync();
        var form = new Dictionary<string, string> { ["to"] = "bob" };
        var content = encoding == "multipart"
            ? Multipart(form, "text/plain; charset=utf-7")
            : Body(UrlEncoded(form), "application/x-www-form-urlencoded; charset=utf-7");

        using var response = await alice.Client.SendAsync(AsAgent(alice, HttpMethod.Post, "/conference/alice/call", content));

        await AssertUnsupportedCharset(response, "POST /conference/alice/call");
        Assert.Equal(before, await fixture.WatchedStateAsync());
    }

    private static async Task AssertUnsupportedCharset(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("charset", problem!.Detail, StringComparison.OrdinalIgnoreCase);
    }
}
