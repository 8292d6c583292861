using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using static WarmTransfer.Grains.Conferences.ConferenceEffect;
using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Tests.Rules;

/// <summary>
/// What the conference loop stores, and when: what we decided before anything leaves the grain (the driver flags any
/// effect carried out before the state that asked for it was stored), what Twilio only reported with the next store.
/// </summary>
[Trait("Tier", Tier.Rules)]
public sealed class WhatIsStoredTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_caller_admitted_is_stored_before_the_webhook_is_answered()
    {
        var current = new ConferenceState();
        var stored = current;
        var loop = new ConferenceLoop(() => current, next => current = next, () =>
            {
                stored = current;
                return Task.CompletedTask;
            },
            (_, _) => throw new InvalidOperationException("Nothing is carried out before the answer."),
            () => Now);

        await loop.DecideAsync(new CallerArrived(new IncomingCall("CA00000000000000000000000000000001", "+15550001111", "+15559990000")));

        Assert.Equal(current, stored);
        Assert.Equal([new AcquireAgent()], stored.Outbox);
    }

    [Fact]
    public void A_leg_reported_ringing_asks_nothing_and_waits_for_the_next_store()
    {
        var driver = new RulesDriver("alice");
        driver.CallerArrives();
        var aliceLeg = driver.LegOf("alice");
        var stores = driver.Stores;

        driver.Status(aliceLeg, CallStatus.Ringing);

        Assert.Equal(stores, driver.Stores);
        Assert.Equal(ParticipantState.Ringing, driver.State.Leg(aliceLeg)!.State);
        Assert.NotEqual(ParticipantState.Ringing, driver.Stored.Leg(aliceLeg)!.State);

        driver.Status(aliceLeg, CallStatus.InProgress);
        driver.Send(new AgentAnswered("alice", aliceLeg));

        Assert.Equal(stores + 1, driver.Stores);
        Assert.Equal(driver.State, driver.Stored);
    }

    [Fact]
    public void Twilio_reporting_a_leg_gone_is_stored_with_the_effects_it_asks_for()
    {
        var driver = RulesDriver.Connected("alice");
        var aliceLeg = driver.LegOf("alice");

        var effects = driver.Event(ConferenceEventKind.ParticipantLeave, aliceLeg);

        Assert.NotEmpty(effects);
        Assert.True(driver.Stored.Leg(aliceLeg)!.State >= ParticipantState.Left);
        Assert.Empty(driver.Violations);
    }

    [Fact]
    public void The_agent_reserved_for_a_caller_is_stored_with_the_intent_to_ring_them()
    {
        var driver = new RulesDriver("alice");

        driver.CallerArrives();

        // The admission with its AcquireAgent, the reservation with the dial's intent, the leg Twilio placed.
        Assert.Equal(3, driver.Stores);
        Assert.Equal(driver.State, driver.Stored);
        Assert.Empty(driver.Violations);
    }

    [Fact]
    public void A_whole_transfer_carries_out_nothing_before_the_state_that_asked_for_it_is_stored()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        var aliceLeg = driver.LegOf("alice");
        driver.Send(new StartTransfer("alice", "bob"));
        driver.Answer("bob");
        driver.Send(new JoinThreeWay("alice"));
        driver.Send(new CompleteTransfer("alice"));

        Assert.Equal([new ReleaseAgent("alice", AgentCallOutcome.Finished)], driver.Status(aliceLeg, CallStatus.Completed));
        Assert.Equal("bob", driver.Stored.HandlingAgentId);
        Assert.Empty(driver.Violations);
    }
}
