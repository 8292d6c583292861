using WarmTransfer.Grains.Agents;
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
    public async Task The_head_of_the_line_is_told_once_that_an_agent_may_be_free_however_often_the_roster_changes_until_it_answers()
    {
        var queue = FreshQueue();
        var head = Sid.Call();
        await queue.RequestAgentAsync(head, Fixture.Clock.GetUtcNow());

        await AgentsBecomeAvailableAsync(queue, 5);

        Assert.Equal(1, await TimesToldAsync(head));
        // Having asked, it is told again at the next change (it may have given up on agents it could not reserve), once.
        Assert.NotNull(await queue.RequestAgentAsync(head, Fixture.Clock.GetUtcNow()));
        await AgentsBecomeAvailableAsync(queue, 3);
        Assert.Equal(2, await TimesToldAsync(head));

        Fixture.Clock.Advance(PastTheHold);
        await AgentsBecomeAvailableAsync(queue, 1);
        Assert.Equal(3, await TimesToldAsync(head));
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

    /// <summary>The conference's writes once every nudge sent has arrived.</summary>
    private async Task<int> TimesToldAsync(string conferenceId)
    {
        var conference = Conference(conferenceId);
        await Eventually.Until(() => Task.FromResult(Fixture.Storage.WritesOf(conference.GetGrainId())), writes => writes > 0,
            $"conference {conferenceId} to be told", TimeSpan.FromSeconds(5));
        // One-way messages still on their way would arrive within this.
        await Task.Delay(200);
        await conference.GetAsync();
        return Fixture.Storage.WritesOf(conference.GetGrainId());
    }

    private IQueueGrain FreshQueue() => Grains.GetGrain<IQueueGrain>("line-" + Guid.NewGuid().ToString("N"));
}
