using System.Net;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.Web.Accounts;
using WarmTransfer.Web.Agents;
using WarmTransfer.Web.Twilio;
using static WarmTransfer.Tests.Security.HostileRequests;

namespace WarmTransfer.Tests.Security;

/// <summary>An identifier is exactly its pattern: .NET's "$" also matches before a final newline, so every check ends with "\z".</summary>
[Trait("Tier", Tier.Http)]
public sealed class IdentifierTests(SecuredHostFixture fixture) : IClassFixture<SecuredHostFixture>
{
    private const string CallSid = "CA0123456789abcdef0123456789abcdef";
    private const string ConferenceSid = "CF0123456789abcdef0123456789abcdef";

    public static TheoryData<string> Suffixes => new() { "\n", "\r\n", "\r", "\0", " ", "\u2028" };

    [Theory]
    [MemberData(nameof(Suffixes))]
    public void An_identifier_followed_by_a_control_character_is_not_valid(string suffix)
    {
        Assert.True(Sids.IsCallSid(CallSid) && Sids.IsConferenceSid(ConferenceSid) && AgentIdentity.IsValid("alice"));

        Assert.False(Sids.IsCallSid(CallSid + suffix));
        Assert.False(Sids.IsConferenceSid(ConferenceSid + suffix));
        Assert.False(AgentIdentity.IsValid("alice" + suffix));
        Assert.False(AgentIdentity.IsValid(suffix + "alice"));
    }

    [Fact]
    public async Task A_signed_incoming_call_whose_CallSid_ends_in_a_newline_gets_400_and_creates_no_conference()
    {
        var before = await fixture.WatchedStateAsync();
        var callSid = Sid.Call();
        using var client = fixture.Host.CreateClient();
        var webhooks = new SignedWebhooks(fixture.Host, client);

        using var response = await webhooks.PostAsync("/conference/connect/client", webhooks.IncomingCall(callSid + "\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ConferencePhase.None, (await fixture.Host.Grains.GetGrain<IConferenceGrain>(callSid + "\n").GetAsync()).Phase);
        Assert.Equal(ConferencePhase.None, (await fixture.Host.Grains.GetGrain<IConferenceGrain>(callSid).GetAsync()).Phase);
        Assert.Equal(before, await fixture.WatchedStateAsync());
    }

    [Fact]
    public async Task A_callback_naming_a_conference_with_a_trailing_newline_gets_400()
    {
        using var client = fixture.Host.CreateClient();
        var form = new Dictionary<string, string> { ["CallSid"] = fixture.AliceConference, ["CallStatus"] = "completed" };

        using var response = await new SignedWebhooks(fixture.Host, client).PostAsync($"/conference/{fixture.AliceConference}%0A/calls/alice/status", form);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(ConferencePhase.Connected, (await fixture.AliceCallAsync()).Phase);
    }

    [Fact]
    public async Task An_agent_route_or_sign_in_naming_an_agent_with_a_trailing_newline_gets_400()
    {
        using var alice = await AgentSession.SignInAsync(fixture.Host, "alice");
        using var client = fixture.Host.CreateClient();

        using var route = await alice.Client.SendAsync(AsAgent(alice, HttpMethod.Post, "/agents/alice%0A/transfer/cancel", null));
        using var target = await alice.Client.SendAsync(AsAgent(alice, HttpMethod.Post, "/agents/alice/transfer", Body("{\"to\":\"bob\\n\"}", "application/json")));
        var session = await client.GetFromJsonAsync<SessionView>("/account/session", Json.Options);
        var signInRequest = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = Body($"{{\"agentId\":\"alice\\n\",\"password\":\"{TestCredentials.AgentPassword}\"}}", "application/json"),
        };
        signInRequest.Headers.Add(CsrfFilter.HeaderName, session!.CsrfToken);
        using var signIn = await client.SendAsync(signInRequest);

        Assert.Equal(HttpStatusCode.BadRequest, route.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, target.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
    }
}
