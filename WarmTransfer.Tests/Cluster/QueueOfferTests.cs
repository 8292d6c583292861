using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Routing;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Cluster;

/// <summary>
/// Whom the queue tells that an agent may be free, and whom it hands out. The callers here were never admitted: a
/// conference told it may take an agent answers that it no longer waits, with a withdrawal (from the support line, not
/// these) and one write, so its writes count the times it was told.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Tier", Tier.Grains)]
public sealed class QueueOfferTests(ClusterFixture fixture) : GrainTest(fixture)
{
    private static readonly TimeSpan PastTheHold = TimeSpan.FromSeconds(11);

    [Fact]
    public async Task A_caller_is_told_once_that_an_agent_may_be_free_however_often_the_roster_changes_until_it_answers()
    {
        var queue = FreshQueue();
        var head = Sid.Call();
        await queue.RequestAgentAsync(head, Fixture.Clock.GetUtcNow());

        await AgentsBecomeAvailableAsync(queue, 5);
        Assert.Equal(1, await TimesToldAsync(head));

        // Handed an agent, it is taking it and is not told; having taken none, it is told again at once.
        Assert.NotNull(await queue.RequestAgentAsync(head, Fixture.Clock.GetUtcNow()));
        await AgentsBecomeAvailableAsync(queue, 3);
        Assert.Equal(1, await TimesToldAsync(head));
        await queue.NoAgentTakenAsync(head);
        await AgentsBecomeAvailableAsync(queue, 3);
        Assert.Equal(2, await TimesToldAsync(head));

        Fixture.Clock.Advance(PastTheHold);
        await AgentsBecomeAvailableAsync(queue, 1);
        Assert.Equal(3, await TimesToldAsync(head));
    }

    [Fact]
    public async Task As_many_callers_are_told_as_agents_are_free_from_the_head_of_the_line()
    {
        var queue = FreshQueue();
        var (first, second) = (Sid.Call(), Sid.Call());
        await queue.RequestAgentAsync(first, Fixture.Clock.GetUtcNow());
        await queue.RequestAgentAsync(second, Fixture.Clock.GetUtcNow());

        await AgentsBecomeAvailableAsync(queue, 2);

        Assert.Equal(1, await TimesToldAsync(first));
        Assert.Equal(1, await TimesToldAsync(second));
    }

    [Fact]
    public async Task A_caller_taking_its_agent_does_not_hold_up_the_next_and_no_one_is_served_before_a_caller_who_waited_longer()
    {
        var queue = FreshQueue();
        var callers = Enumerable.Range(0, 4).Select(_ => Sid.Call()).ToArray();
        foreach (var caller in callers[..3])
        {
            Assert.Null(await queue.RequestAgentAsync(caller, Fixture.Clock.GetUtcNow()));
        }

        var alice = await AgentsBecomeAvailableAsync(queue, 1);
        Assert.Null(await queue.RequestAgentAsync(callers[1], Fixture.Clock.GetUtcNow()));
        Assert.Equal(alice, await queue.RequestAgentAsync(callers[0], Fixture.Clock.GetUtcNow()));
        Assert.Null(await queue.RequestAgentAsync(callers[1], Fixture.Clock.GetUtcNow()));

        // The first is still reserving alice (it has not withdrawn); the second takes the next agent free.
        var bob = await AgentsBecomeAvailableAsync(queue, 1);
        Assert.Null(await queue.RequestAgentAsync(callers[2], Fixture.Clock.GetUtcNow()));
        Assert.Equal(bob, await queue.RequestAgentAsync(callers[1], Fixture.Clock.GetUtcNow()));

        // A caller arriving now waits behind the third, whatever agents are free.
        await AgentsBecomeAvailableAsync(queue, 1);
        Assert.Null(await queue.RequestAgentAsync(callers[3], Fixture.Clock.GetUtcNow()));
        Assert.NotNull(await queue.RequestAgentAsync(callers[2], Fixture.Clock.GetUtcNow()));
        await AgentsBecomeAvailableAsync(queue, 1);
        Assert.NotNull(await queue.RequestAgentAsync(callers[3], Fixture.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_caller_asking_again_within_the_hold_is_not_handed_the_same_agent_until_it_lapses()
    {
        var queue = FreshQueue();
        var caller = Sid.Call();
        var alice = await AgentsBecomeAvailableAsync(queue, 1);
        var waitingSince = Fixture.Clock.GetUtcNow();

        Assert.Equal(alice, await queue.RequestAgentAsync(caller, waitingSince));
        // Reserved, then released at once: Twilio would not ring her.
        await queue.AgentPresenceChangedAsync(alice, AgentPresence.Ringing, Fixture.Clock.GetUtcNow());
        await queue.AgentPresenceChangedAsync(alice, AgentPresence.Available, Fixture.Clock.GetUtcNow());
        Fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var bob = await AgentsBecomeAvailableAsync(queue, 1);

        Assert.Equal(bob, await queue.RequestAgentAsync(caller, waitingSince));
        Assert.Null(await queue.RequestAgentAsync(caller, waitingSince));

        Fixture.Clock.Advance(PastTheHold);
        // Both are free again; alice has waited longest.
        Assert.Equal(alice, await queue.RequestAgentAsync(caller, waitingSince));
    }

    /// <summary>Returns the last agent made available.</summary>
    private async Task<string> AgentsBecomeAvailableAsync(IQueueGrain queue, int count)
    {
        var agentId = "";
        for (var i = 0; i < count; i++)
        {
            agentId = Sid.Agent("agent");
            await queue.AgentPresenceChangedAsync(agentId, AgentPresence.Available, Fixture.Clock.GetUtcNow());
        }

        return agentId;
    }

    /// <summary>The conference's writes once it has answered every nudge the queue sent it (one write each).</summary>
    private async Task<int> TimesToldAsync(string conferenceId)
    {
        var conference = Conference(conferenceId).GetGrainId();
        var sent = Fixture.Sent.Count(conference, nameof(IConferenceGrain.AgentMayBeAvailableAsync));
        return await Eventually.Until(() => Task.FromResult(Fixture.Storage.WritesOf(conference)), writes => writes >= sent,
            $"conference {conferenceId} to answer the {sent} nudge(s) sent to it", TimeSpan.FromSeconds(5));
    }

    private IQueueGrain FreshQueue() => Grains.GetGrain<IQueueGrain>("line-" + Guid.NewGuid().ToString("N"));
}
