using System.Collections.Concurrent;
using System.Collections.Immutable;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Cluster;

/// <summary>The conference pushes its view to its agents one-way, so pushes may arrive out of order: the agent keeps the newest.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Tier", Tier.Grains)]
public sealed class AgentConferenceViewTests(ClusterFixture fixture) : GrainTest(fixture)
{
    [Fact]
    public async Task A_view_older_than_one_already_told_is_not_passed_on_to_the_console()
    {
        var bob = await AvailableAgent("bob");
        var conferenceId = Sid.Call();
        Assert.True(await Agent(bob).TryReserveAsync(conferenceId));
        var console = new WatchingConsole();
        await Agent(bob).SubscribeAsync(Grains.CreateObjectReference<IAgentObserver>(console));

        await Agent(bob).ConferenceChangedAsync(View(conferenceId, revision: 5));
        await console.SeenAsync(5);
        await Agent(bob).ConferenceChangedAsync(View(conferenceId, revision: 3));
        await Agent(bob).ConferenceChangedAsync(View(conferenceId, revision: 7));
        await console.SeenAsync(7);

        Assert.Equal([5, 7], console.Revisions);
        await Agent(bob).ReleaseAsync(conferenceId, AgentCallOutcome.Finished);
    }

    [Fact]
    public async Task Every_change_of_a_call_raises_the_revision_of_its_view_and_a_read_does_not()
    {
        var (conferenceId, agentId) = await ConnectedCallAsync();
        var connected = await Conference(conferenceId).GetAsync();
        Assert.True(connected.Revision > 0);
        Assert.Equal(connected.Revision, (await Conference(conferenceId).GetAsync()).Revision);

        var held = await Conference(conferenceId).HoldCallerAsync(agentId, hold: true);

        Assert.True(held.Conference.Revision > connected.Revision, $"revision {held.Conference.Revision} after {connected.Revision}");
    }

    private static ConferenceView View(string conferenceId, long revision) =>
        new(conferenceId, null, ConferencePhase.Connected, null, null, null, ImmutableArray<ParticipantView>.Empty, null, null, null, null) { Revision = revision };

    private sealed class WatchingConsole : IAgentObserver
    {
        private readonly ConcurrentQueue<long> _revisions = new();

        public IReadOnlyList<long> Revisions => [.. _revisions];

        public Task SeenAsync(long revision) =>
            Eventually.Until(() => Task.FromResult(Revisions), seen => seen.Contains(revision), $"the console to be told of revision {revision}");

        public Task OnAgentChanged(AgentView agent, ConferenceView? conference)
        {
            if (conference is not null)
            {
                _revisions.Enqueue(conference.Revision);
            }

            return Task.CompletedTask;
        }

        public Task OnNotice(AgentNotice notice) => Task.CompletedTask;
    }
}
