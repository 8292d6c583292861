using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Scenarios;

/// <summary>The seed's whole flow over real HTTP, the real Twilio SDK and the Twilio emulator.</summary>
[Trait("Tier", Tier.Scenarios)]
public sealed class SeedFlowTests
{
    [Fact]
    public async Task Caller_ends_up_with_the_second_agent_after_the_first_dials_them_in_and_leaves()
    {
        await using var center = await CallCenter.StartAsync();
        var alice = await center.ConnectAsync("alice");
        await center.ConnectAsync("bob");

        // A caller dials in; alice's browser rings and she answers.
        var caller = center.Twilio.DialIn(center.VoiceUrl);
        var aliceLeg = await center.Twilio.RingingAsync("alice");
        Assert.Equal(AgentPresence.Ringing, (await center.AgentViewAsync("alice")).Presence);
        center.Twilio.Answer(aliceLeg);
        await center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Connected);
        Assert.Equal(caller.Sid, (await center.AgentViewAsync("alice")).CurrentConferenceId);

        // Alice dials bob in with the seed's route; bob answers and joins.
        using var call = await alice.PostFormAsync("/conference/alice/call", [new("to", "bob")]);
        Assert.True(call.IsSuccessStatusCode, await call.Content.ReadAsStringAsync());
        var bobLeg = await center.Twilio.RingingAsync("bob");
        center.Twilio.Answer(bobLeg);
        await center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Consulting);

        // Alice leaves: bob keeps the caller.
        center.Twilio.HangUp(aliceLeg);
        var after = await center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Connected);
        await center.Twilio.QuietAsync();

        Assert.Equal("bob", after.HandlingAgentId);
        var conference = center.Twilio.Conference(caller.Sid)!;
        center.Twilio.Read(() =>
        {
            Assert.Equal(new[] { caller.Sid, bobLeg.Sid }.Order(), conference.Participants.Select(p => p.Call.Sid).Order());
            Assert.True(conference.Participant(bobLeg.Sid)!.EndConferenceOnExit);
            Assert.False(conference.Participant(caller.Sid)!.Hold);
            Assert.Equal(Audio.Conversation, caller.Hearing);
            Assert.False(caller.EverHeardSilence);
            return true;
        });
        Assert.Equal((AgentPresence.Available, (string?)null), await PresenceOf(center, "alice"));
        Assert.Equal((AgentPresence.OnCall, caller.Sid), await PresenceOf(center, "bob"));
        Assert.Empty(center.Twilio.Violations);
    }

    [Fact]
    public async Task Dialling_an_agent_sends_twilio_the_fields_its_api_describes()
    {
        await using var center = await CallCenter.StartAsync();
        await center.ConnectAsync("alice");

        var caller = center.Twilio.DialIn(center.VoiceUrl);
        await center.Twilio.RingingAsync("alice");

        var create = Assert.Single(center.Twilio.RestRequests, r => r.Method == "POST" && r.Path.EndsWith("/Calls.json"));
        Assert.True(create.Authenticated);
        Assert.Equal($"/2010-04-01/Accounts/{TestCredentials.AccountSid}/Calls.json", create.Path);
        Assert.Equal("client:alice", create.Value("To"));
        Assert.Equal(TestCredentials.CallerId, create.Value("From"));
        var publicBase = center.Host.PublicBaseUrl.AbsoluteUri.TrimEnd('/');
        Assert.Equal($"{publicBase}/conference/{caller.Sid}/connect/alice", create.Value("Url"));
        Assert.Equal("POST", create.Value("Method"));
        Assert.Equal($"{publicBase}/conference/{caller.Sid}/calls/alice/status", create.Value("StatusCallback"));
        Assert.Equal(["initiated", "ringing", "answered", "completed"], create.Values("StatusCallbackEvent"));
        Assert.Equal("20", create.Value("Timeout"));

        // Every field sent is a parameter Twilio's OpenAPI description defines for creating a call.
        var parameters = OpenApi.FormParameters("/2010-04-01/Accounts/{AccountSid}/Calls.json", "post");
        Assert.All(create.Form.Select(f => f.Key).Distinct(), key => Assert.Contains(key, parameters));
    }

    private static async Task<(AgentPresence, string?)> PresenceOf(CallCenter center, string agentId)
    {
        var view = await center.AgentViewAsync(agentId);
        return (view.Presence, view.CurrentConferenceId);
    }
}
