using Orleans.Storage;
using WarmTransfer.Grains;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Routing;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Cluster;

[Collection(ClusterCollection.Name)]
[Trait("Tier", Tier.Grains)]
public sealed class PersistenceTests(ClusterFixture fixture) : GrainTest(fixture)
{
    [Fact]
    public async Task A_conference_reactivated_after_deactivation_has_the_same_state()
    {
        var (conferenceId, _) = await ConnectedCallAsync();
        var before = await Conference(conferenceId).GetAsync();

        await Fixture.Cluster.DeactivateAsync(Conference(conferenceId));

        var after = await Conference(conferenceId).GetAsync();
        Assert.Equal(before with { Participants = [], Actions = [] }, after with { Participants = [], Actions = [] });
        Assert.Equal(before.Participants.ToArray(), after.Participants.ToArray());
        Assert.Equal(before.Actions.ToArray(), after.Actions.ToArray());
    }

    [Fact]
    public async Task What_twilio_reported_since_the_last_store_is_stored_when_the_activation_goes()
    {
        var alice = await AvailableAgent("alice");
        var conferenceId = await CallerArrives();
        var dial = await DialOf(conferenceId, alice);
        await Conference(conferenceId).OnCallStatusAsync(new CallStatusReport(dial.CallSid, CallStatus.Ringing));
        var before = await Conference(conferenceId).GetAsync();

        await Fixture.Cluster.DeactivateAsync(Conference(conferenceId));

        var after = await Conference(conferenceId).GetAsync();
        Assert.Equal(ParticipantState.Ringing, before.Participants.Single(p => p.CallSid == dial.CallSid).State);
        Assert.Equal(before.Participants.ToArray(), after.Participants.ToArray());
    }

    [Fact]
    public async Task An_agent_reactivated_after_deactivation_still_knows_its_conference()
    {
        var (conferenceId, alice) = await ConnectedCallAsync();
        var before = await Agent(alice).GetAsync();

        await Fixture.Cluster.DeactivateAsync(Agent(alice));

        var after = await Agent(alice).GetAsync();
        Assert.Equal(before, after);
        Assert.Equal((conferenceId, AgentPresence.OnCall), (after.CurrentConferenceId, after.Presence));
    }

    [Fact]
    public async Task The_queue_reactivated_after_deactivation_still_knows_who_is_available()
    {
        var alice = await AvailableAgent("alice");
        var queue = Grains.GetGrain<IQueueGrain>(QueueNames.Support);

        await Fixture.Cluster.DeactivateAsync(queue);

        var roster = (await queue.GetAsync()).Agents;
        Assert.Contains(roster, entry => entry.AgentId == alice && entry.Presence == AgentPresence.Available);
    }

    [Fact]
    public async Task The_queue_reactivated_after_deactivation_keeps_its_line_in_order()
    {
        var queue = Grains.GetGrain<IQueueGrain>("line-" + Guid.NewGuid().ToString("N"));
        var start = DateTimeOffset.UtcNow;
        string[] callers = [Sid.Call(), Sid.Call(), Sid.Call(), Sid.Call()];
        await queue.RequestAgentAsync(callers[2], start.AddSeconds(2));
        await queue.RequestAgentAsync(callers[0], start);
        await queue.RequestAgentAsync(callers[3], start.AddSeconds(3));
        await queue.RequestAgentAsync(callers[1], start.AddSeconds(1));
        await queue.WithdrawAsync(callers[3]);

        await Fixture.Cluster.DeactivateAsync(queue);

        Assert.Equal(callers[..3], (await queue.GetAsync()).WaitingConferences);
    }

    [Fact]
    public async Task A_queue_stored_by_versions_before_the_pages_moves_its_line_into_pages_in_order_and_clears_what_it_read()
    {
        var queue = Grains.GetGrain<IQueueGrain>("line-" + Guid.NewGuid().ToString("N"));
        var storage = Fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Calls);
        var start = DateTimeOffset.UtcNow;
        string[] callers = [Sid.Call(), Sid.Call(), Sid.Call(), Sid.Call(), Sid.Call()];
        WaitingCaller Waiting(int i, long arrival) => new(callers[i], start.AddSeconds(i), arrival);
        await WriteAsync(storage, queue, "queue", new QueueState { Line = [Waiting(2, 0)] });
        await WriteAsync(storage, queue, "queue-line-5", new LineBucket { ListedBefore = [Waiting(4, 0), Waiting(0, 0)] });
        await WriteAsync(storage, queue, "queue-line-900", new LineBucket { Waiting = [Waiting(3, 7), Waiting(1, 3)] });

        Assert.Equal(callers, (await queue.GetAsync()).WaitingConferences);

        Assert.False((await storage.ReadAsync<LineBucket>("queue-line-5", queue.GetGrainId())).RecordExists);
        Assert.False((await storage.ReadAsync<LineBucket>("queue-line-900", queue.GetGrainId())).RecordExists);
        var own = (await storage.ReadAsync<QueueState>("queue", queue.GetGrainId())).State!;
        Assert.Equal((true, 0), (own.LineInPages, own.Line.Count));
        await Fixture.Cluster.DeactivateAsync(queue);
        Assert.Equal(callers, (await queue.GetAsync()).WaitingConferences);
    }

    private static async Task WriteAsync<T>(IGrainStorage storage, IQueueGrain queue, string stateName, T record) =>
        await storage.WriteStateAsync(stateName, queue.GetGrainId(), new GrainState<T>(record));
}
