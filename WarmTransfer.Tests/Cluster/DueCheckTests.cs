using System.Diagnostics.Metrics;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Telemetry;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Cluster;

/// <summary>The periodic checks of live calls, which the silo's one due-list runs instead of a grain timer per grain.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Tier", Tier.Grains)]
public sealed class DueCheckTests(ClusterFixture fixture) : GrainTest(fixture)
{
    [Fact]
    public async Task A_connected_call_asks_twilio_for_its_participants_once_each_reconcile_interval()
    {
        var (conferenceId, _) = await ConnectedCallAsync();
        var conferenceSid = ConferenceSidOf(conferenceId);
        var before = ListsOf(conferenceSid);

        Fixture.Clock.Advance(Fixture.Settings.ReconcileInterval);
        await Eventually.Until(() => Task.FromResult(ListsOf(conferenceSid)), n => n == before + 1, $"conference {conferenceId}'s first reconciliation");

        Fixture.Clock.Advance(Fixture.Settings.ReconcileInterval);
        await Eventually.Until(() => Task.FromResult(ListsOf(conferenceSid)), n => n == before + 2, $"conference {conferenceId}'s second reconciliation");
    }

    [Fact]
    public async Task A_call_talking_at_rest_is_let_go_counted_as_talking_and_brought_back_for_each_reconciliation()
    {
        var (conferenceId, _) = await ConnectedCallAsync();
        var conferenceSid = ConferenceSidOf(conferenceId);
        var grain = Conference(conferenceId).GetGrainId();

        for (var interval = 1; interval <= 2; interval++)
        {
            await Eventually.Until(() => IsActiveAsync(conferenceId), active => !active, $"conference {conferenceId}, talking at rest, to be let go");
            await Eventually.Until(() => Task.FromResult(RestingOnSomeSilo(grain)), resting => resting, $"conference {conferenceId} to count as talking at rest");
            var before = ListsOf(conferenceSid);

            Fixture.Clock.Advance(Fixture.Settings.ReconcileInterval);

            await Eventually.Until(() => Task.FromResult(ListsOf(conferenceSid)), n => n == before + 1, $"conference {conferenceId} brought back for reconciliation {interval}");
        }

        Assert.Equal(ConferencePhase.Connected, (await Conference(conferenceId).GetAsync()).Phase);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_due_list_wakes_a_listed_call_unless_its_silo_is_stopping(bool stopping)
    {
        var (conferenceId, _) = await ConnectedCallAsync();
        var conferenceSid = ConferenceSidOf(conferenceId);
        await Eventually.Until(() => IsActiveAsync(conferenceId), active => !active, $"conference {conferenceId}, talking at rest, to be let go");
        using var lifetime = new ControlledLifetime();
        // The due-list's own census, with the call resting in it: a wake-up marks it woken before the message goes out,
        // on the thread that advances the fake clock, so whether one was sent is known as soon as the clock has moved.
        await using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new WarmTransferMetrics(meters.GetRequiredService<IMeterFactory>());
        var grain = Conference(conferenceId).GetGrainId();
        metrics.Calls.Set(grain, "talking");
        metrics.Calls.Rest(grain);
        using var dueChecks = new DueChecks(Fixture.Clock, Grains, metrics, lifetime);
        var before = ListsOf(conferenceSid);

        dueChecks.Wake(grain, Fixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        if (stopping)
        {
            lifetime.StopApplication();
        }

        Fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(stopping, metrics.Calls.IsResting(grain));
        if (stopping)
        {
            Assert.Equal(before, ListsOf(conferenceSid));
            Assert.False(await IsActiveAsync(conferenceId), "nothing brought the call back");
        }
        else
        {
            // A call at rest woken by a listing it did not make reconciles: what a stopping silo must not cause.
            await Eventually.Until(() => Task.FromResult(ListsOf(conferenceSid)), n => n == before + 1, $"conference {conferenceId} woken and reconciled");
        }
    }

    [Fact]
    public async Task An_agent_who_believes_they_are_on_a_call_the_conference_does_not_know_is_released_at_their_next_check_in()
    {
        var bob = await AvailableAgent("bob");
        var unknownConference = Sid.Call();
        Assert.True(await Agent(bob).TryReserveAsync(unknownConference));
        Assert.Equal(AgentPresence.Ringing, (await Agent(bob).GetAsync()).Presence);

        Fixture.Clock.Advance(Fixture.Settings.ReconcileInterval);

        var view = await Eventually.Until(() => Agent(bob).GetAsync(), v => v.CurrentConferenceId is null, $"agent {bob} to check in with {unknownConference} and be released");
        Assert.Equal(AgentPresence.Available, view.Presence);
    }

    private bool RestingOnSomeSilo(GrainId grain) =>
        Fixture.Cluster.Silos.Any(silo => silo.ServiceProvider.GetRequiredService<WarmTransferMetrics>().Calls.IsResting(grain));

    private int ListsOf(string conferenceSid) => Telephony.Requests.Count(r => r == new TelephonyRequest.ListParticipants(conferenceSid));
}
