using Microsoft.Extensions.Logging.Abstractions;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using static WarmTransfer.Grains.Conferences.ConferenceEffect;
using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Tests.Rules;

/// <summary>An agent is never rung twice: the intent to dial is stored first, and a dial found pending asks Twilio before placing again.</summary>
[Trait("Tier", Tier.Rules)]
public sealed class DialIntentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_attempt_is_stored_before_the_call_is_placed()
    {
        var current = new ConferenceState { Phase = ConferencePhase.Offering, Outbox = [new DialAgent("alice", ParticipantRole.HandlingAgent)] };
        var stored = current;
        ConferenceState? storedWhilePlacing = null;
        var loop = new ConferenceLoop(() => current, next => current = next, () =>
            {
                stored = current;
                return Task.CompletedTask;
            },
            (_, _) =>
            {
                storedWhilePlacing = stored;
                throw new InvalidOperationException("The silo died while Twilio placed the call.");
            },
            () => Now);

        await Assert.ThrowsAsync<InvalidOperationException>(loop.DrainAsync);

        Assert.Equal(new DialAgent("alice", ParticipantRole.HandlingAgent, Now), Assert.Single(storedWhilePlacing!.Outbox));
    }

    [Fact]
    public async Task A_dial_found_attempted_takes_the_call_twilio_already_placed()
    {
        var telephony = new RecordingTelephony();
        var conferenceId = Sid.Call();
        var attempted = DateTimeOffset.UtcNow;
        var placed = await telephony.DialAgentAsync(conferenceId, "alice");
        var runner = Runner(conferenceId, telephony);

        var results = await runner.RunAsync(new DialAgent("alice", ParticipantRole.HandlingAgent, attempted), new ConferenceState());

        Assert.Equal([new AgentLegPlaced("alice", ParticipantRole.HandlingAgent, placed)], results);
        Assert.Single(telephony.DialsFor(conferenceId));
    }

    [Fact]
    public async Task A_dial_found_attempted_that_twilio_never_placed_is_placed_now()
    {
        var telephony = new RecordingTelephony();
        var conferenceId = Sid.Call();
        await telephony.DialAgentAsync(Sid.Call(), "alice");
        var runner = Runner(conferenceId, telephony);

        // alice's earlier call (another conference) is older than this attempt.
        var results = await runner.RunAsync(new DialAgent("alice", ParticipantRole.HandlingAgent, DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1)), new ConferenceState());

        var dial = Assert.Single(telephony.DialsFor(conferenceId));
        Assert.Equal([new AgentLegPlaced("alice", ParticipantRole.HandlingAgent, dial.CallSid)], results);
    }

    private static ConferenceEffectRunner Runner(string conferenceId, RecordingTelephony telephony) =>
        new(conferenceId, null!, telephony, TimeProvider.System, NullLogger.Instance);
}
