using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Scenarios;

/// <summary>
/// Each fault that drops or strands callers on the real Twilio, end to end against the emulator: the caller is never
/// dropped, never left in silence, every agent ends free, and our view ends equal to Twilio's.
/// </summary>
[Trait("Tier", Tier.Scenarios)]
public sealed class TwilioFailureScenarioTests
{
    private static Task<CallCenter> StartAsync(TwilioFaults? faults = null) => CallCenter.StartAsync(faults: faults, configure: settings =>
    {
        settings["WarmTransfer:ReconcileInterval"] = "00:00:02";
        settings["Twilio:RingTimeoutSeconds"] = "5";
    });

    [Fact]
    public async Task A_waiting_caller_whose_wait_music_cannot_be_fetched_stays_on_the_line_and_reaches_an_agent()
    {
        await using var center = await StartAsync(new TwilioFaults(Seed: 1) { WaitFetchFailureRate = 1 });
        var caller = center.Twilio.DialIn(center.VoiceUrl);

        await center.Twilio.WaitUntilAsync(() => center.Twilio.Webhooks.Count(w => w.Url.Contains("/return?attempt=")) >= 2 && caller.Hearing == Audio.WaitMusic,
            "the caller to be put back twice and wait on Twilio's own music");
        Assert.True(caller.IsLive);
        Assert.True(center.Twilio.InjectedFaults.GetValueOrDefault(FaultKind.WaitFetchFailed) >= 1);

        await center.ConnectAsync("alice");
        center.Twilio.Answer(await center.Twilio.RingingAsync("alice"));
        await center.Twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation, "the caller to talk to alice");
        await CallChecks.SettledAsync(center, caller, "alice");
        CallChecks.NeverInSilence(center, caller);
    }

    [Fact]
    public async Task A_transfer_twilio_will_not_prepare_is_refused_before_the_caller_is_held_and_the_caller_stays_with_the_agent()
    {
        await using var center = await StartAsync();
        await center.ConnectAsync("alice");
        await center.ConnectAsync("bob");
        var (caller, _) = await center.CallAnsweredByAsync("alice");
        for (var attempt = 0; attempt < 4; attempt++)
        {
            center.Twilio.FailNextRest(RestFault.ServerError, r => r.Path.Contains("/Participants/") && r.Value("EndConferenceOnExit") == "false");
        }

        using var response = await center.Agent("alice").PostAsync("/agents/alice/transfer", new TransferRequest("bob"));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("could not start", await response.Content.ReadAsStringAsync());
        Assert.Empty(center.Twilio.CallsTo("bob"));
        Assert.DoesNotContain(center.Twilio.RestRequests, r => r.Value("Hold") == "true");
        Assert.Equal(ConferencePhase.Connected, (await center.ConferenceAsync(caller.Sid)).Phase);
        await CallChecks.SettledAsync(center, caller, "alice", "bob");
        Assert.Equal(Audio.Conversation, center.Twilio.Read(() => caller.Hearing));
        Assert.Equal(AgentPresence.Available, (await center.AgentViewAsync("bob")).Presence);
    }

    [Fact]
    public async Task A_failed_unhold_is_asked_for_again_until_twilio_takes_the_caller_off_hold()
    {
        await using var center = await StartAsync();
        await center.ConnectAsync("alice");
        var (caller, _) = await center.CallAnsweredByAsync("alice");
        await center.CommandAsync("alice", "hold", new HoldRequest(true));
        await center.Twilio.WaitUntilAsync(() => caller.Hearing == Audio.HoldMusic, "the caller to be on hold");
        for (var attempt = 0; attempt < 4; attempt++)
        {
            center.Twilio.FailNextRest(RestFault.ServiceUnavailable, r => r.Value("Hold") == "false");
        }

        // The command's own answer: a later read may already see the watchdog's next attempt succeed.
        var answered = await center.CommandAsync("alice", "hold", new HoldRequest(false));

        Assert.True(answered.Participants.Single(p => p.Role == ParticipantRole.Caller).ChangePending);
        await center.Twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation, "the caller to be taken off hold by a later attempt", TimeSpan.FromSeconds(20));
        await CallChecks.SettledAsync(center, caller, "alice");
    }

    [Fact]
    public async Task A_completion_whose_flag_change_fails_keeps_everyone_on_the_call_and_a_retry_completes_it()
    {
        await using var center = await StartAsync();
        await center.ConnectAsync("alice");
        await center.ConnectAsync("bob");
        var (caller, aliceLeg) = await center.CallAnsweredByAsync("alice");
        await center.ConsultAsync(caller, "alice", "bob");
        for (var attempt = 0; attempt < 4; attempt++)
        {
            center.Twilio.FailNextRest(RestFault.ServerError, r => r.Value("EndConferenceOnExit") == "true");
        }

        using var refused = await center.Agent("alice").PostAsync("/agents/alice/transfer/complete");

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(aliceLeg.IsLive);
        await center.WaitForPhaseAsync(caller.Sid, ConferencePhase.ThreeWay);
        await center.CommandAsync("alice", "transfer/complete");
        await center.Twilio.WaitUntilAsync(() => !aliceLeg.IsLive && caller.Hearing == Audio.Conversation, "alice to leave the caller with bob");
        await CallChecks.SettledAsync(center, caller, "alice", "bob");
        CallChecks.NeverInSilence(center, caller);
    }

    [Fact]
    public async Task Lost_callbacks_of_an_agent_joining_and_leaving_are_found_out_through_the_rest_api()
    {
        await using var center = await StartAsync();
        await center.ConnectAsync("alice");
        var caller = center.Twilio.DialIn(center.VoiceUrl);
        var ring = await center.Twilio.RingingAsync("alice");
        center.Twilio.UseChaos(new CallbackChaos(Seed: 7, DuplicateProbability: 0, ReorderWindow: 1, MaxDelayMilliseconds: 0) { LossProbability = 1 });

        center.Twilio.Answer(ring);
        await center.Twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation, "alice to talk to the caller");
        await center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Connected);
        center.Twilio.HangUp(ring);

        await center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Ended);
        Assert.True(center.Twilio.InjectedFaults.GetValueOrDefault(FaultKind.CallbackLost) > 0);
        center.Twilio.UseChaos(null);
        await CallChecks.SettledAsync(center, caller, "alice");
        Assert.Equal(AgentPresence.Available, (await center.AgentViewAsync("alice")).Presence);
    }

    [Fact]
    public async Task An_agent_whose_hang_up_twilio_refused_is_offered_the_next_caller_only_once_their_leg_is_over()
    {
        await using var center = await StartAsync();
        await center.ConnectAsync("alice");
        await center.ConnectAsync("bob");
        var (first, aliceLeg) = await center.CallAnsweredByAsync("alice");
        await center.ConsultAsync(first, "alice", "bob");
        var second = center.Twilio.DialIn(center.VoiceUrl, from: "+15550002222");
        await center.WaitForPhaseAsync(second.Sid, ConferencePhase.Queued);
        // Two hang-ups' worth of attempts (each is tried four times): the command's, and that of a reconciliation
        // that came due while the command ran, and runs the moment it is answered.
        for (var attempt = 0; attempt < 8; attempt++)
        {
            center.Twilio.FailNextRest(RestFault.ServerError, r => r.Path.EndsWith($"/Calls/{aliceLeg.Sid}.json") && r.Method == "POST");
        }

        await center.CommandAsync("alice", "transfer/complete");

        Assert.True(aliceLeg.IsLive);
        Assert.Equal(AgentPresence.OnCall, (await center.AgentViewAsync("alice")).Presence);
        var next = await center.Twilio.RingingAsync("alice", TimeSpan.FromSeconds(20));
        Assert.False(aliceLeg.IsLive);
        Assert.DoesNotContain(center.Twilio.CallsTo("alice"), c => c.IgnoredByBusyDevice);
        center.Twilio.Answer(next);
        await center.Twilio.WaitUntilAsync(() => second.Hearing == Audio.Conversation, "the second caller to talk to alice");
        await CallChecks.SettledAsync(center, first, "bob");
        await CallChecks.SettledAsync(center, second, "alice");
    }

    [Fact]
    public async Task An_agent_who_comes_back_to_a_call_on_a_new_leg_joins_under_a_label_of_its_own()
    {
        await using var center = await StartAsync();
        await center.ConnectAsync("alice");
        await center.ConnectAsync("bob");
        var (caller, _) = await center.CallAnsweredByAsync("alice");
        await center.ConsultAsync(caller, "alice", "bob");
        await center.CommandAsync("alice", "transfer/complete");
        await Eventually.Until(() => center.AgentViewAsync("alice"), v => v.Presence == AgentPresence.Available, "alice to be free");

        await center.ConsultAsync(caller, "bob", "alice");

        var labels = center.Twilio.Read(() => center.Twilio.Conference(caller.Sid)!.Participants.Select(p => p.Label).ToList());
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.Contains(labels, l => l!.StartsWith("alice:", StringComparison.Ordinal));
        await CallChecks.SettledAsync(center, caller, "alice", "bob");
    }

    [Fact]
    public async Task A_caller_hears_the_wait_message_at_once_however_slow_twilios_api_is()
    {
        await using var center = await StartAsync(new TwilioFaults(Seed: 3)
        {
            SlowAnswerRate = 1,
            // Slower than Twilio ever should be, yet inside the 4 s we allow one REST attempt.
            SlowAnswerDelay = TimeSpan.FromSeconds(2.5),
            RestFilter = r => r.Path.EndsWith("/Calls.json"),
        });
        await center.ConnectAsync("alice");

        var caller = center.Twilio.DialIn(center.VoiceUrl);

        // Not WaitUntilAsync: the callbacks about the caller queue behind the slow REST call, so the emulator is not idle.
        await Eventually.Until(() => Task.FromResult(center.Twilio.Read(() => caller.Hearing)), hearing => hearing == Audio.WaitMusic,
            "the caller to wait on music", TimeSpan.FromSeconds(1.5));
        Assert.Empty(center.Twilio.CallsTo("alice"));
        center.Twilio.Answer(await center.Twilio.RingingAsync("alice", TimeSpan.FromSeconds(10)));
        await center.Twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation, "the caller to talk to alice");
        await CallChecks.SettledAsync(center, caller, "alice");
    }

    [Fact]
    public async Task A_call_twilio_placed_although_its_answer_was_lost_is_found_in_twilios_call_list_and_the_agent_is_rung_once()
    {
        await using var center = await StartAsync();
        await center.ConnectAsync("alice");
        center.Twilio.FailNextRest(RestFault.AnswerLost, r => r.Method == "POST" && r.Path.EndsWith("/Calls.json"));

        var caller = center.Twilio.DialIn(center.VoiceUrl);

        center.Twilio.Answer(await center.Twilio.RingingAsync("alice"));
        await center.Twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation, "the caller to talk to alice");
        Assert.Single(center.Twilio.CallsTo("alice"));
        Assert.Single(center.Twilio.RestRequests, r => r.Method == "GET" && r.Path.Contains("/Calls.json?", StringComparison.Ordinal)
            && r.Path.Contains("To=client%3Aalice", StringComparison.Ordinal));
        Assert.Empty(center.Twilio.Violations);
        Assert.Equal(ConferencePhase.Connected, (await center.ConferenceAsync(caller.Sid)).Phase);
    }
}
