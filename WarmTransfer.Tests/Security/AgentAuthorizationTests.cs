using System.Net;
using Microsoft.AspNetCore.Mvc;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Routing;
using WarmTransfer.Tests.Support;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Security;

/// <summary>Every agent route, tried signed out, as another agent, and without or with a wrong CSRF token.</summary>
[Trait("Tier", Tier.Http)]
public sealed class AgentAuthorizationTests(SecuredHostFixture fixture) : IClassFixture<SecuredHostFixture>
{
    public static TheoryData<string, string, string?> AgentRoutes => new()
    {
        { "POST", "/alice/token", null },
        { "POST", "/conference/alice/call", null },
        { "GET", "/agents/alice", null },
        { "GET", "/agents/alice/events", null },
        { "POST", "/agents/alice/token", null },
        { "PUT", "/agents/alice/presence", """{"presence":"away"}""" },
        { "POST", "/agents/alice/transfer", """{"to":"bob"}""" },
        { "POST", "/agents/alice/transfer/three-way", null },
        { "POST", "/agents/alice/transfer/complete", null },
        { "POST", "/agents/alice/transfer/cancel", null },
        { "POST", "/agents/alice/hold", """{"hold":true}""" },
        { "POST", "/agents/alice/hangup", null },
    };

    [Theory]
    [MemberData(nameof(AgentRoutes))]
    public async Task A_signed_out_request_gets_401_and_changes_nothing(string method, string path, string? body)
    {
        var before = await fixture.AliceCallAsync();
        using var client = fixture.Host.CreateClient();

        using var response = await client.SendAsync(Request(method, path, body, csrfToken: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertAliceUntouched(before);
    }

    [Theory]
    [MemberData(nameof(AgentRoutes))]
    public async Task Another_agent_gets_403_and_changes_nothing(string method, string path, string? body)
    {
        var before = await fixture.AliceCallAsync();
        using var mallory = await AgentSession.SignInAsync(fixture.Host, "carol");

        using var response = await mallory.Client.SendAsync(Request(method, path, body, mallory.CsrfToken));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Not your agent", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        await AssertAliceUntouched(before);
    }

    [Theory]
    [MemberData(nameof(AgentRoutes))]
    public async Task A_change_without_the_right_csrf_token_gets_403_and_changes_nothing(string method, string path, string? body)
    {
        if (method == "GET")
        {
            return;
        }

        var before = await fixture.AliceCallAsync();
        using var alice = await AgentSession.SignInAsync(fixture.Host, "alice");
        using var bob = await AgentSession.SignInAsync(fixture.Host, "bob");

        foreach (var token in new[] { null, "forged-token", bob.CsrfToken })
        {
            using var response = await alice.Client.SendAsync(Request(method, path, body, token));

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("CSRF token missing or invalid", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        }

        await AssertAliceUntouched(before);
    }

    [Fact]
    public async Task An_agent_cannot_act_on_a_call_it_is_not_on()
    {
        var before = await fixture.AliceCallAsync();
        using var bob = await AgentSession.SignInAsync(fixture.Host, "bob");

        using var hangUp = await bob.PostAsync("/agents/bob/hangup");
        using var transfer = await bob.PostAsync("/agents/bob/transfer", new TransferRequest("dave"));

        Assert.Equal(HttpStatusCode.Conflict, hangUp.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, transfer.StatusCode);
        await AssertAliceUntouched(before);
    }

    [Fact]
    public async Task The_roster_needs_a_signed_in_agent()
    {
        using var client = fixture.Host.CreateClient();
        using var bob = await AgentSession.SignInAsync(fixture.Host, "bob");

        using var anonymous = await client.GetAsync("/agents");
        var roster = await bob.GetAsync<List<RosterEntry>>("/agents");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(roster, entry => entry.AgentId == "alice" && entry.Presence == AgentPresence.OnCall);
    }

    private async Task AssertAliceUntouched(ConferenceView before)
    {
        var after = await fixture.AliceCallAsync();
        Assert.Equal(before.Phase, after.Phase);
        Assert.Equal(before.Participants.ToArray(), after.Participants.ToArray());
        Assert.Equal(before.Transfer, after.Transfer);
        var alice = await fixture.Host.Grains.GetGrain<IAgentGrain>("alice").GetAsync();
        Assert.Equal((AgentPresence.OnCall, fixture.AliceConference), (alice.Presence, alice.CurrentConferenceId));
    }

    private static HttpRequestMessage Request(string method, string path, string? body, string? csrfToken)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        if (csrfToken is not null)
        {
            request.Headers.Add(CsrfFilter.HeaderName, csrfToken);
        }

        return request;
    }
}
