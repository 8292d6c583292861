using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Agents;
using Xunit.Abstractions;

namespace WarmTransfer.Tests.Failover;

/// <summary>
/// A rolling restart: each silo in turn is replaced and stopped with SIGTERM while agents transfer calls, then a web node is
/// stopped. No webhook fails, no call is disturbed, and the consoles of the stopped node's agents carry on through the other.
/// </summary>
[Trait("Tier", Tier.Cluster)]
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    private const int Calls = 6;

    [Fact]
    public async Task Silos_stopped_in_turn_and_a_web_node_stopped_disturb_no_call()
    {
        var agents = FailoverCalls.Names("talk", Calls).Concat(FailoverCalls.Names("tgt", 3)).ToList();
        await using var cluster = await FailoverCluster.StartAsync(agents);
        var stopped = new List<SiloProcess>();
        using var logs = new LogsOnFailure(output, () => cluster.WebLogs.Lines.Where(LogsOnFailure.IsWarningOrWorse).Select(l => $"web: {l}")
            .Concat(stopped.Concat(cluster.Silos).SelectMany(s => s.Output.Split('\n').Where(LogsOnFailure.IsWarningOrWorse).Select(l => $"silo {s.SiloPort}: {l}"))));
        var script = new FailoverCalls(cluster);
        var calls = await script.ConnectedAsync("talk", Calls, answer: true);
        await Task.WhenAll(FailoverCalls.Names("tgt", 3).Select(cluster.ConnectAsync));

        var presses = new List<int>();
        for (var turn = 0; turn < 3; turn++)
        {
            var old = cluster.Silos[0];
            await cluster.AddSiloAsync();
            var stopping = old.StopAsync();

            // While the silo shuts down, an agent hands a caller to a colleague.
            var call = calls[turn] with { Target = $"tgt{turn}" };
            // A press the call could not answer in time (503) is pressed again; a repeat of one that went through is refused (409).
            using (var pressed = await FailoverCalls.PressAsync(() => cluster.CommandAsync(call.Agent, "transfer", new TransferRequest(call.Target))))
            {
                Assert.True(pressed.IsSuccessStatusCode || pressed.StatusCode == System.Net.HttpStatusCode.Conflict, $"transfer answered {pressed.StatusCode}");
                presses.Add((int)pressed.StatusCode);
            }

            cluster.Twilio.Answer(await cluster.Twilio.RingingAsync(call.Target, FailoverCalls.Patience));
            await script.PhaseAsync([call], ConferencePhase.Consulting);
            (await FailoverCalls.PressAsync(() => cluster.CommandAsync(call.Agent, "transfer/complete"))).EnsureSuccessStatusCode();
            await script.HandledByAsync(call, call.Target, call.Agent);
            await stopping;
            stopped.Add(old);
            cluster.Silos.Remove(old);
            await old.DisposeAsync();
        }

        // A web node stops: an agent's console that followed it reconnects through the other node and gets its call back.
        var secondNode = cluster.WebNodes[1];
        var (watched, handler) = calls.Select((c, i) => (Call: c, Handler: i < 3 ? $"tgt{i}" : c.Agent)).First(h => cluster.Session(h.Handler).Node == secondNode);
        await using (var before = await AgentEvents.FollowAsync(cluster.Session(handler).Session))
        {
            await cluster.StopWebNodeAsync(secondNode);
        }

        await using var after = await AgentEvents.FollowAsync(cluster.Session(handler).Session);
        var snapshot = await after.NextAsync(AgentWatcher.AgentEvent);
        Assert.Equal(handler, snapshot.GetProperty("agent").GetProperty("agentId").GetString());
        Assert.Equal(watched.ConferenceId, snapshot.GetProperty("conference").GetProperty("conferenceId").GetString());
        Assert.Equal("connected", snapshot.GetProperty("conference").GetProperty("phase").GetString());

        cluster.Twilio.Atomically(() => calls.ForEach(c => cluster.Twilio.HangUp(c.Caller)));
        await script.PhaseAsync(calls, ConferencePhase.Ended);
        foreach (var agent in agents)
        {
            await Eventually.Until(() => cluster.AgentAsync(agent), a => a.Presence == AgentPresence.Available && a.CurrentConferenceId is null, $"agent {agent} to be free");
        }

        output.WriteLine($"transfers pressed while a silo stopped answered: {string.Join(", ", presses)}; webhooks: {cluster.Twilio.Webhooks.Count}");
        cluster.WebLogs.Lines.Where(LogsOnFailure.IsWarningOrWorse).ToList().ForEach(output.WriteLine);
        Assert.All(cluster.Twilio.Webhooks, w => Assert.True(w.Status is >= 200 and < 300, $"{w.Url} answered {w.Status}"));
        Assert.All(calls, c => Assert.False(cluster.Twilio.Read(() => c.Caller.EverHeardSilence), $"caller {c.ConferenceId} heard silence"));
        Assert.Empty(cluster.Twilio.Violations);
        logs.Passed();
    }
}
