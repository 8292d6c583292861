using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Failover;

/// <summary>
/// A rolling restart: each silo in turn is replaced and stopped with SIGTERM while agents transfer calls, then a web node is
/// stopped. No webhook fails, no call is disturbed, and the consoles of the stopped node's agents carry on through the other.
/// </summary>
public sealed class RollingRestartTests
{
    private const int Calls = 6;

    [Fact]
    public async Task Silos_stopped_in_turn_and_a_web_node_stopped_disturb_no_call()
    {
        var agents = FailoverCalls.Names("talk", Calls).Concat(FailoverCalls.Names("tgt", 3)).ToList();
        await using var cluster = await FailoverCluster.StartAsync(agents);
        var script = new FailoverCalls(cluster);
        var calls = await script.ConnectedAsync("talk", Calls, answer: true);
        await Task.WhenAll(FailoverCalls.Names("tgt", 3).Select(cluster.ConnectAsync));

        for (var turn = 0; turn < 3; turn++)
        {
            var old = cluster.Silos[0];
            await cluster.AddSiloAsync();
            var stopping = old.StopAsync();

            // While the silo shuts down, an agent hands a caller to a colleague.
            var call = calls[turn] with { Target = $"tgt{turn}" };
            (await cluster.CommandAsync(call.Agent, "transfer", new TransferRequest(call.Target))).EnsureSuccessStatusCode();
            cluster.Twilio.Answer(await cluster.Twilio.RingingAsync(call.Target, FailoverCalls.Patience));
            await script.PhaseAsync([call], ConferencePhase.Consulting);
            (await cluster.CommandAsync(call.Agent, "transfer/complete")).EnsureSuccessStatusCode();
            await script.HandledByAsync(call, call.Target, call.Agent);
            await stopping;
            cluster.Silos.Remove(old);
            await old.DisposeAsync();
        }

        // A web node stops: an agent's console that followed it reconnects through the other node and gets its call back.
        var (watcher, onSecondNode) = calls.Skip(3).Select(c => (c, cluster.Session(c.Agent).Node)).First(c => c.Node == cluster.WebNodes[1]);
        await using (var before = await AgentEvents.FollowAsync(cluster.Session(watcher.Agent).Session))
        {
            await cluster.StopWebNodeAsync(onSecondNode);
        }

        await using var after = await AgentEvents.FollowAsync(cluster.Session(watcher.Agent).Session);
        var snapshot = await after.NextAsync(AgentWatcher.AgentEvent);
        Assert.Equal(watcher.ConferenceId, snapshot.GetProperty("conference").GetProperty("conferenceId").GetString());
        Assert.Equal("connected", snapshot.GetProperty("conference").GetProperty("phase").GetString());

        cluster.Twilio.Atomically(() => calls.ForEach(c => cluster.Twilio.HangUp(c.Caller)));
        await script.PhaseAsync(calls, ConferencePhase.Ended);
        foreach (var agent in agents)
        {
            await Eventually.Until(() => cluster.AgentAsync(agent), a => a.Presence == AgentPresence.Available && a.CurrentConferenceId is null, $"agent {agent} to be free");
        }

        Assert.All(cluster.Twilio.Webhooks, w => Assert.True(w.Status is >= 200 and < 300, $"{w.Url} answered {w.Status}"));
        Assert.All(calls, c => Assert.False(cluster.Twilio.Read(() => c.Caller.EverHeardSilence), $"caller {c.ConferenceId} heard silence"));
        Assert.Empty(cluster.Twilio.Violations);
    }
}
