using Orleans.Storage;
using WarmTransfer.Grains;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Routing;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Cluster;

/// <summary>The queue's writes are grouped: callers joining while one is under way are stored together in the next (all here are on the line's first page).</summary>
[Collection(ClusterCollection.Name)]
[Trait("Tier", Tier.Grains)]
public sealed class QueueWriteTests(ClusterFixture fixture) : GrainTest(fixture)
{
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Callers_joining_while_the_queue_writes_are_stored_together_in_its_next_write()
    {
        var (queue, earliest) = await QueueWithOneCallerAsync();
        var (first, second, third) = (Sid.Call(), Sid.Call(), Sid.Call());
        var writesBefore = Fixture.Storage.WritesOf(queue.GetGrainId());
        Fixture.Storage.Hold(queue.GetGrainId());
        try
        {
            var firstJoins = queue.RequestAgentAsync(first, _start);
            var firstWrite = await Fixture.Storage.NextWriteAsync(queue.GetGrainId());
            var othersJoin = Task.WhenAll(queue.RequestAgentAsync(second, _start.AddSeconds(1)), queue.RequestAgentAsync(third, _start.AddSeconds(2)));
            await LineIsAsync(queue, earliest, first, second, third);

            firstWrite.Pass();
            var together = await Fixture.Storage.NextWriteAsync(queue.GetGrainId());
            together.Pass();
            await Task.WhenAll(firstJoins, othersJoin);

            Assert.Equal(("queue-page-0", "queue-page-0"), (firstWrite.StateName, together.StateName));
            Assert.Equal(2, Fixture.Storage.WritesOf(queue.GetGrainId()) - writesBefore);
        }
        finally
        {
            Fixture.Storage.Release(queue.GetGrainId());
        }

        await Fixture.Cluster.DeactivateAsync(queue);
        Assert.Equal([earliest, first, second, third], await LineOfAsync(queue));
    }

    [Fact]
    public async Task A_caller_whose_write_fails_is_not_in_line_and_a_caller_stored_after_it_in_the_same_record_is()
    {
        var (queue, earliest) = await QueueWithOneCallerAsync();
        var (first, second, third) = (Sid.Call(), Sid.Call(), Sid.Call());
        Fixture.Storage.Hold(queue.GetGrainId());
        try
        {
            var firstJoins = queue.RequestAgentAsync(first, _start);
            var firstWrite = await Fixture.Storage.NextWriteAsync(queue.GetGrainId());
            var secondJoins = queue.RequestAgentAsync(second, _start.AddSeconds(1));
            await LineIsAsync(queue, earliest, first, second);
            firstWrite.Pass();
            await firstJoins;

            var secondWrite = await Fixture.Storage.NextWriteAsync(queue.GetGrainId());
            var thirdJoins = queue.RequestAgentAsync(third, _start.AddSeconds(2));
            await LineIsAsync(queue, earliest, first, second, third);
            secondWrite.Fail();
            await Assert.ThrowsAnyAsync<Exception>(() => secondJoins);

            (await Fixture.Storage.NextWriteAsync(queue.GetGrainId())).Pass();
            await thirdJoins;
            await LineIsAsync(queue, earliest, first, third);
        }
        finally
        {
            Fixture.Storage.Release(queue.GetGrainId());
        }

        await Fixture.Cluster.DeactivateAsync(queue);
        Assert.Equal([earliest, first, third], await LineOfAsync(queue));
    }

    [Fact]
    public async Task An_agent_whose_presence_cannot_be_stored_is_not_handed_out()
    {
        var queue = FreshQueue();
        var agentId = Sid.Agent("alice");
        await queue.GetAsync();
        Fixture.Storage.Hold(queue.GetGrainId());
        try
        {
            var presenceChanges = queue.AgentPresenceChangedAsync(agentId, AgentPresence.Available, _start);
            var write = await Fixture.Storage.NextWriteAsync(queue.GetGrainId());
            write.Fail();
            await Assert.ThrowsAnyAsync<Exception>(() => presenceChanges);
        }
        finally
        {
            Fixture.Storage.Release(queue.GetGrainId());
        }

        Assert.DoesNotContain((await queue.GetAsync()).Agents, entry => entry.AgentId == agentId);
        Assert.Null(await queue.TakeAnyAgentAsync([]));
    }

    /// <summary>
    /// Every later write of that page would be refused for its ETag: the call fails with <see cref="InconsistentStateException"/>,
    /// on which Orleans deactivates the grain, and the caller's retry reaches an activation that reads the records anew.
    /// </summary>
    [Fact]
    public async Task A_queue_whose_page_was_stored_behind_its_back_goes_and_its_next_activation_reads_the_page_as_stored()
    {
        var (queue, earliest) = await QueueWithOneCallerAsync();
        var (second, third) = (Sid.Call(), Sid.Call());
        var storage = Fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Calls);
        var page = await storage.ReadAsync<LinePage>("queue-page-0", queue.GetGrainId());
        page.State = page.State!.With(new WaitingCaller(second, _start, 2)); // as a write reported failed that had landed leaves it
        await storage.WriteStateAsync("queue-page-0", queue.GetGrainId(), page);

        await Assert.ThrowsAsync<InconsistentStateException>(() => queue.RequestAgentAsync(third, _start.AddSeconds(1)));

        await Eventually.Until(() => LineOfAsync(queue), line => line.Length == 2, "the next activation to read the line", TimeSpan.FromSeconds(10));
        await queue.RequestAgentAsync(third, _start.AddSeconds(1));
        Assert.Equal([earliest, second, third], await LineOfAsync(queue));
    }

    private IQueueGrain FreshQueue() => Grains.GetGrain<IQueueGrain>("line-" + Guid.NewGuid().ToString("N"));

    /// <summary>A queue whose first page is listed and stored: the next callers' writes are of that page alone.</summary>
    private async Task<(IQueueGrain Queue, string Caller)> QueueWithOneCallerAsync()
    {
        var queue = FreshQueue();
        var caller = Sid.Call();
        await queue.RequestAgentAsync(caller, _start.AddSeconds(-1));
        return (queue, caller);
    }

    /// <summary>The queue answers while a write of its is held (it would not if it waited for the write) and shows the line it has.</summary>
    private static async Task LineIsAsync(IQueueGrain queue, params string[] callers)
    {
        var line = await Eventually.Until(() => LineOfAsync(queue), l => l.SequenceEqual(callers), $"the line to be {string.Join(", ", callers)}", TimeSpan.FromSeconds(5));

        Assert.Equal(callers, line);
    }

    private static async Task<string[]> LineOfAsync(IQueueGrain queue) =>
        [.. (await queue.GetAsync().WaitAsync(TimeSpan.FromSeconds(5))).WaitingConferences];
}
