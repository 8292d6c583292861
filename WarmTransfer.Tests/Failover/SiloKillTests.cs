using System.Diagnostics;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using Xunit.Abstractions;

namespace WarmTransfer.Tests.Failover;

/// <summary>
/// A silo is SIGKILLed with calls in flight in every phase, three of them in the middle of an agent's Complete, Cancel and Hang
/// up (the first REST call each causes held by the emulator until the silo is dead): every call still ends as the agents asked.
/// </summary>
[Trait("Tier", Tier.Cluster)]
public sealed class SiloKillTests(ITestOutputHelper output)
{
    private const int CallsPerPhase = 10;
    private static readonly TimeSpan Patience = FailoverCalls.Patience;

    private FailoverCluster _cluster = null!;
    private FailoverCalls _calls = null!;

    private FakeTwilio Twilio => _cluster.Twilio;

    [Fact]
    public async Task Killing_the_silo_that_hosts_the_most_calls_loses_no_call_and_no_transfer()
    {
        var agents = new[] { "ring", "talk", "cr", "crt", "ca", "cat", "tw", "twt", "late" }.SelectMany(p => FailoverCalls.Names(p, CallsPerPhase))
            .Concat(FailoverCalls.Names("sp", 12)).Concat(FailoverCalls.Names("spt", 12)).ToList();
        await using var cluster = await FailoverCluster.StartAsync(agents);
        (_cluster, _calls) = (cluster, new FailoverCalls(cluster));

        var threeWay = await _calls.ConsultingAsync("tw", "twt", answer: true, count: CallsPerPhase);
        foreach (var call in threeWay)
        {
            (await cluster.CommandAsync(call.Agent, "transfer/three-way")).EnsureSuccessStatusCode();
        }

        await _calls.PhaseAsync(threeWay, ConferencePhase.ThreeWay);
        var consultAnswered = await _calls.ConsultingAsync("ca", "cat", answer: true, count: CallsPerPhase);
        var consultRinging = await _calls.ConsultingAsync("cr", "crt", answer: false, count: CallsPerPhase);
        var talking = await _calls.ConnectedAsync("talk", CallsPerPhase, answer: true);
        var ringing = await _calls.ConnectedAsync("ring", CallsPerPhase, answer: false);

        // Calls in consultation are added until one silo hosts three of them (seven are enough for three silos); of the
        // silos that do, the one hosting the most calls is killed, and its three are the ones whose agents press.
        var candidates = new List<FailoverCalls.Call>();
        Dictionary<string, SiloProcess> placement;
        while (true)
        {
            Assert.True(candidates.Count < 12, "seven consultations should put three on one silo");
            var pair = candidates.Count;
            candidates.Add((await _calls.ConsultingAsync($"sp{pair}", $"spt{pair}", answer: true, count: 1, numbered: false))[0]);
            placement = await cluster.ConferencePlacementAsync();
            if (candidates.GroupBy(c => placement.GetValueOrDefault(c.ConferenceId)).Any(g => g.Key is not null && g.Count() >= 3))
            {
                break;
            }
        }

        var victim = candidates.GroupBy(c => placement.GetValueOrDefault(c.ConferenceId)).Where(g => g.Key is not null && g.Count() >= 3)
            .MaxBy(g => placement.Values.Count(s => s == g.Key))!.Key!;
        var specials = candidates.Where(c => placement.GetValueOrDefault(c.ConferenceId) == victim).Take(3).ToList();
        consultAnswered.AddRange(candidates.Except(specials));

        // Callers wait last: an agent who signs in takes the caller who has waited longest.
        var queued = Enumerable.Range(0, CallsPerPhase).Select(_ => new FailoverCalls.Call(Twilio.DialIn(cluster.VoiceUrl), "", null)).ToList();
        await _calls.PhaseAsync(queued, ConferencePhase.Queued);
        placement = await cluster.ConferencePlacementAsync();
        var all = threeWay.Concat(consultAnswered).Concat(consultRinging).Concat(talking).Concat(ringing).Concat(queued).ToList();
        var onVictim = all.Count(c => placement.GetValueOrDefault(c.ConferenceId) == victim);

        // Complete, Cancel and Hang up: each decided and stored, its first REST call held until the silo is gone.
        var (completing, cancelling, hangingUp) = (specials[0], specials[1], specials[2]);
        var holds = new List<RestHold>();
        foreach (var call in specials)
        {
            var sids = await _calls.SidsOfAsync(call.ConferenceId);
            holds.Add(Twilio.HoldNextRest(r => r.Method == "POST" && sids.Any(r.Path.Contains)));
        }

        var presses = new[] { (completing, "transfer/complete"), (cancelling, "transfer/cancel"), (hangingUp, "hangup") }
            .Select(p => Attempt(() => cluster.CommandAsync(p.Item1.Agent, p.Item2))).ToList();
        await Task.WhenAll(holds.Select(h => h.Arrived)).WaitAsync(TimeSpan.FromSeconds(20));

        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        holds.ForEach(h => h.Release());
        await Eventually.Until(() => cluster.EvictedAsync(victim), evicted => evicted, "the killed silo to be evicted", TimeSpan.FromSeconds(30));
        var settled = clock.Elapsed;
        var webhooksBeforeSettled = Twilio.Webhooks.Count;
        var pressAnswers = await Task.WhenAll(presses);

        // Every call goes on as its agents ask.
        await _calls.HandledByAsync(completing, completing.Target!, completing.Agent);
        await _calls.HandledByAsync(hangingUp, hangingUp.Target!, hangingUp.Agent);
        await _calls.HandledByAsync(cancelling, cancelling.Agent, cancelling.Target!);
        foreach (var call in ringing)
        {
            Twilio.Answer(await Twilio.RingingAsync(call.Agent, Patience));
        }

        await _calls.PhaseAsync(ringing.Concat(talking).ToList(), ConferencePhase.Connected);
        foreach (var call in consultRinging)
        {
            Twilio.Answer(await Twilio.RingingAsync(call.Target!, Patience));
        }

        await _calls.PhaseAsync(consultRinging, ConferencePhase.Consulting);
        foreach (var call in threeWay.Concat(consultAnswered).Concat(consultRinging))
        {
            (await FailoverCalls.PressAsync(() => cluster.CommandAsync(call.Agent, "transfer/complete"))).EnsureSuccessStatusCode();
        }

        await Task.WhenAll(threeWay.Concat(consultAnswered).Concat(consultRinging).Select(c => _calls.HandledByAsync(c, c.Target!, c.Agent)));
        // Agents freed by a transfer may be offered a waiting caller too: every agent answers whatever rings.
        await Task.WhenAll(FailoverCalls.Names("late", CallsPerPhase).Select(cluster.ConnectAsync));
        await Eventually.Until(async () =>
            {
                Twilio.Calls.Where(c => c.ClientIdentity is not null && c.Status == FakeCallStatus.Ringing).ToList().ForEach(Twilio.Answer);
                var views = await Task.WhenAll(queued.Select(c => cluster.ConferenceAsync(c.ConferenceId)));
                return string.Join(", ", views.Where(v => v.Phase != ConferencePhase.Connected).Select(v => $"{v.ConferenceId} {v.Phase}"));
            },
            waiting => waiting.Length == 0, "every waiting caller to be answered", Patience);
        var everyCall = all.Concat(specials).ToList();
        await Twilio.WaitUntilAsync(() => everyCall.All(c => c.Caller.IsLive && c.Caller.Hearing == Audio.Conversation), "every caller to talk to an agent", Patience);

        // The callers hang up: every agent ends free.
        Twilio.Atomically(() => everyCall.ForEach(c => Twilio.HangUp(c.Caller)));
        await _calls.PhaseAsync(everyCall, ConferencePhase.Ended);
        foreach (var agent in agents.Where(a => Twilio.CallsTo(a).Count > 0))
        {
            await Eventually.Until(() => cluster.AgentAsync(agent), a => a.Presence == AgentPresence.Available && a.CurrentConferenceId is null, $"agent {agent} to be free", Patience);
        }

        var failed = Twilio.Webhooks.Select((w, i) => (Webhook: w, Index: i)).Where(w => w.Webhook.Status >= 500).ToList();
        output.WriteLine($"calls per phase: {CallsPerPhase} (queued, ringing, talking, consult ringing, consult answered, three-way) + 3 pressing Complete/Cancel/Hang up");
        output.WriteLine($"calls on the killed silo: {onVictim} + 3; membership settled {settled.TotalSeconds:F1} s after SIGKILL");
        output.WriteLine($"webhooks answered 5xx: {failed.Count(f => f.Index < webhooksBeforeSettled)} before membership settled, {failed.Count(f => f.Index >= webhooksBeforeSettled)} after; of {Twilio.Webhooks.Count}");
        output.WriteLine($"agent presses answered: {string.Join(", ", pressAnswers)}");
        Assert.DoesNotContain(failed, f => f.Index >= webhooksBeforeSettled);
        Assert.All(everyCall, c => Assert.False(Twilio.Read(() => c.Caller.EverHeardSilence), $"caller {c.ConferenceId} heard silence"));
        Assert.Empty(Twilio.Violations);
    }

    /// <summary>An agent's press; what the console is answered during the failover is reported, not asserted.</summary>
    private static async Task<string> Attempt(Func<Task<HttpResponseMessage>> press)
    {
        try
        {
            using var response = await press();
            return ((int)response.StatusCode).ToString();
        }
        catch (Exception ex)
        {
            return ex.GetType().Name;
        }
    }

}
