using WarmTransfer.Grains.Agents;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Cluster;

/// <summary>
/// Two activations of one agent can overlap for a moment while silos join and leave. Here the agent is stored behind its
/// live activation's back, as the other activation would: the activation's next change is made again on what was stored,
/// with its guards checked against that, never written over it.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Tier", Tier.Grains)]
public sealed class AgentStaleStateTests(ClusterFixture fixture) : GrainTest(fixture)
{
    [Fact]
    public async Task An_agent_another_activation_reserved_is_not_reserved_twice()
    {
        var bob = await AvailableAgent("bob");
        var elsewhere = Sid.Call();
        await StoreBehindTheGrainsBackAsync(bob, agent => agent with { CurrentConferenceId = elsewhere });

        Assert.False(await Agent(bob).TryReserveAsync(Sid.Call()));

        Assert.Equal(elsewhere, (await Agent(bob).GetAsync()).CurrentConferenceId);
        await Agent(bob).ReleaseAsync(elsewhere, AgentCallOutcome.Finished);
    }

    [Fact]
    public async Task A_release_refused_for_a_stale_activation_is_made_on_what_was_stored()
    {
        var bob = await AvailableAgent("bob");
        var conferenceId = Sid.Call();
        Assert.True(await Agent(bob).TryReserveAsync(conferenceId));
        await StoreBehindTheGrainsBackAsync(bob, agent => agent);

        await Agent(bob).ReleaseAsync(conferenceId, AgentCallOutcome.Finished);

        var view = await Agent(bob).GetAsync();
        Assert.Null(view.CurrentConferenceId);
        Assert.Equal(AgentPresence.Available, view.Presence);
    }

    private Task StoreBehindTheGrainsBackAsync(string agentId, Func<AgentState, AgentState> change) =>
        StoredBehindTheBack.RewriteAsync(Fixture.Cluster.GetSiloServiceProvider(), "agent", agentId, change);
}
