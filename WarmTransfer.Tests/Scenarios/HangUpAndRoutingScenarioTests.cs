using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Scenarios;

/// <summary>Hang-ups at every moment, and routing callers to agents, against the Twilio emulator.</summary>
[Trait("Tier", Tier.Scenarios)]
public sealed class HangUpAndRoutingScenarioTests : IAsyncLifetime
{
    private CallCenter _center = null!;
    private FakeTwilio Twilio => _center.Twilio;

    public async Task InitializeAsync() => _center = await CallCenter.StartAsync();

    public async Task DisposeAsync() => await _center.DisposeAsync();

    public enum Moment
    {
        WhileTheFirstAgentRings,
        WhileTheTargetRings,
        DuringTheConsult,
        DuringTheThreeWay,
    }

    [Theory]
    [InlineData(Moment.WhileTheFirstAgentRings)]
    [InlineData(Moment.WhileTheTargetRings)]
    [InlineData(Moment.DuringTheConsult)]
    [InlineData(Moment.DuringTheThreeWay)]
    public async Task Caller_hanging_up_ends_every_leg_and_frees_every_agent(Moment moment)
    {
        await _center.ConnectAsync("alice");
        await _center.ConnectAsync("bob");
        var caller = Twilio.DialIn(_center.VoiceUrl);
        var aliceLeg = await Twilio.RingingAsync("alice");
        if (moment != Moment.WhileTheFirstAgentRings)
        {
            Twilio.Answer(aliceLeg);
            await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Connected);
            var bobLeg = await _center.TransferRingsAsync("alice", "bob");
            if (moment != Moment.WhileTheTargetRings)
            {
                Twilio.Answer(bobLeg);
                await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Consulting);
            }

            if (moment == Moment.DuringTheThreeWay)
            {
                await _center.CommandAsync("alice", "transfer/three-way");
            }
        }

        Twilio.HangUp(caller);

        await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Ended);
        await Twilio.WaitUntilAsync(() => Twilio.Calls.All(c => !c.IsLive), "every leg to end");
        foreach (var agent in new[] { "alice", "bob" })
        {
            var view = await _center.AgentViewAsync(agent);
            Assert.Equal((AgentPresence.Available, (string?)null), (view.Presence, view.CurrentConferenceId));
        }

        Assert.Empty(Twilio.Violations);
    }

    [Fact]
    public async Task A_target_answering_after_the_caller_hung_up_is_told_so_and_does_not_sit_in_an_empty_conference()
    {
        await _center.ConnectAsync("alice");
        await _center.ConnectAsync("bob");
        var (caller, _) = await _center.CallAnsweredByAsync("alice");
        var bobLeg = await _center.TransferRingsAsync("alice", "bob");

        // The caller hangs up and bob picks up in the same instant, before the app has heard of either.
        Twilio.HangUp(caller);
        Twilio.Answer(bobLeg);

        await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Ended);
        await Twilio.WaitUntilAsync(() => !bobLeg.IsLive, "bob's leg to end");
        var heard = Twilio.Read(() => bobLeg.Heard.Select(h => h.Audio).ToList());
        Assert.DoesNotContain(Audio.Silence, heard);
        Assert.DoesNotContain(Audio.WaitMusic, heard);
        Assert.Equal(AgentPresence.Available, (await _center.AgentViewAsync("bob")).Presence);
        Assert.Empty(Twilio.Violations);
    }

    [Fact]
    public async Task The_only_agent_hanging_up_ends_the_call_without_leaving_the_caller_alone()
    {
        await _center.ConnectAsync("alice");
        var (caller, aliceLeg) = await _center.CallAnsweredByAsync("alice");

        Twilio.HangUp(aliceLeg);

        await Twilio.WaitUntilAsync(() => caller.Status == FakeCallStatus.Completed, "the caller's call to end");
        await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Ended);
        Assert.False(Twilio.Read(() => caller.EverHeardSilence));
        Assert.Equal(AgentPresence.Available, (await _center.AgentViewAsync("alice")).Presence);
    }

    [Fact]
    public async Task An_agent_who_does_not_answer_goes_away_and_the_next_available_agent_is_rung()
    {
        await _center.ConnectAsync("alice");
        await _center.ConnectAsync("bob");
        var caller = Twilio.DialIn(_center.VoiceUrl);

        Twilio.TimeOut(await Twilio.RingingAsync("alice"));
        Twilio.Answer(await Twilio.RingingAsync("bob"));

        var connected = await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Connected);
        Assert.Equal("bob", connected.HandlingAgentId);
        Assert.Equal(AgentPresence.Away, (await _center.AgentViewAsync("alice")).Presence);
        Assert.Single(Twilio.CallsTo("alice"));
    }

    [Fact]
    public async Task With_nobody_available_the_caller_waits_on_music_and_goes_to_the_next_agent_who_connects()
    {
        var caller = Twilio.DialIn(_center.VoiceUrl);
        await Twilio.WaitUntilAsync(() => caller.Hearing == Audio.WaitMusic, "the caller to hear the wait music");

        await _center.ConnectAsync("carol");
        Twilio.Answer(await Twilio.RingingAsync("carol"));

        await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Connected);
        await Twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation, "the caller to talk to carol");
        Assert.False(Twilio.Read(() => caller.EverHeardSilence));
    }

    [Fact]
    public async Task Callers_waiting_for_an_agent_are_served_in_the_order_they_called()
    {
        var first = Twilio.DialIn(_center.VoiceUrl, from: "+15550000001");
        await _center.WaitForPhaseAsync(first.Sid, ConferencePhase.Queued);
        var second = Twilio.DialIn(_center.VoiceUrl, from: "+15550000002");
        await _center.WaitForPhaseAsync(second.Sid, ConferencePhase.Queued);

        await _center.ConnectAsync("dave");
        Twilio.Answer(await Twilio.RingingAsync("dave"));

        Assert.Equal(ConferencePhase.Connected, (await _center.WaitForPhaseAsync(first.Sid, ConferencePhase.Connected)).Phase);
        Assert.Equal(ConferencePhase.Queued, (await _center.ConferenceAsync(second.Sid)).Phase);
    }

    [Fact]
    public async Task A_repeated_incoming_call_webhook_rings_nobody_twice()
    {
        await _center.ConnectAsync("alice");
        await _center.ConnectAsync("bob");
        var caller = Twilio.DialIn(_center.VoiceUrl);
        await Twilio.RingingAsync("alice");

        // Twilio retries the voice webhook (same CallSid, a new delivery).
        using var client = _center.Host.CreateClient();
        var webhooks = new SignedWebhooks(_center.Host, client);
        using var retry = await webhooks.PostAsync("/conference/connect/client", webhooks.IncomingCall(caller.Sid));
        retry.EnsureSuccessStatusCode();
        await Twilio.QuietAsync();

        Assert.Single(Twilio.RestRequests, r => r.Path.EndsWith("/Calls.json"));
        Assert.Empty(Twilio.CallsTo("bob"));
    }
}
