using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Failover;

/// <summary>Puts calls into a given phase on a <see cref="FailoverCluster"/>, each agent signing in fresh, and checks where they are.</summary>
public sealed class FailoverCalls(FailoverCluster cluster)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    private readonly FailoverCluster _cluster = cluster;

    private FakeTwilio Twilio => _cluster.Twilio;

    public static IEnumerable<string> Names(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}{i}");

    /// <summary>Callers answered (or left ringing) by as many fresh agents, who sign in first.</summary>
    public async Task<List<Call>> ConnectedAsync(string prefix, int count, bool answer, bool numbered = true)
    {
        var agents = numbered ? Names(prefix, count).ToList() : [prefix];
        await Task.WhenAll(agents.Select(_cluster.ConnectAsync));
        var callers = agents.Select(_ => Twilio.DialIn(_cluster.VoiceUrl)).ToList();
        var rings = await Eventually.Until(() => Task.FromResult(Twilio.Calls.Where(c => agents.Contains(c.ClientIdentity!) && c.Status == FakeCallStatus.Ringing).ToList()),
            r => r.Count == agents.Count, $"{prefix}: every agent to ring", Patience);
        if (answer)
        {
            rings.ForEach(Twilio.Answer);
        }

        var views = await Task.WhenAll(agents.Select(a => Eventually.Until(() => _cluster.AgentAsync(a), v => v.CurrentConferenceId is not null, $"{a} to be offered a call", Patience)));
        var calls = views.Select(v => new Call(callers.Single(c => c.Sid == v.CurrentConferenceId), v.AgentId, null)).ToList();
        await PhaseAsync(calls, answer ? ConferencePhase.Connected : ConferencePhase.Offering);
        return calls;
    }

    /// <summary>Connected calls whose agents each start a transfer to their own colleague, who answers or keeps ringing.</summary>
    public async Task<List<Call>> ConsultingAsync(string prefix, string targetPrefix, bool answer, int count = 1, bool numbered = true)
    {
        var calls = await ConnectedAsync(prefix, count, answer: true, numbered);
        var targets = numbered ? Names(targetPrefix, count).ToList() : [targetPrefix];
        await Task.WhenAll(targets.Select(_cluster.ConnectAsync));
        calls = [.. calls.Select((c, i) => c with { Target = targets[i] })];
        foreach (var call in calls)
        {
            (await _cluster.CommandAsync(call.Agent, "transfer", new TransferRequest(call.Target))).EnsureSuccessStatusCode();
        }

        foreach (var call in calls)
        {
            var ring = await Twilio.RingingAsync(call.Target!, Patience);
            if (answer)
            {
                Twilio.Answer(ring);
            }
        }

        await PhaseAsync(calls, answer ? ConferencePhase.Consulting : ConferencePhase.Transferring);
        return calls;
    }

    public Task PhaseAsync(IReadOnlyList<Call> calls, ConferencePhase phase) =>
        Task.WhenAll(calls.Select(c => Eventually.Until(() => _cluster.ConferenceAsync(c.ConferenceId), v => v.Phase == phase,
            $"conference {c.ConferenceId} (agent {c.Agent}) to be {phase}", Patience)));

    /// <summary>The call is the handling agent's alone, and the other agent is free again.</summary>
    public async Task HandledByAsync(Call call, string handler, string freed)
    {
        await Eventually.Until(() => _cluster.ConferenceAsync(call.ConferenceId), v => v.HandlingAgentId == handler && v.Transfer is null && v.Phase == ConferencePhase.Connected,
            $"conference {call.ConferenceId} to be {handler}'s alone", Patience);
        await Eventually.Until(() => _cluster.AgentAsync(freed), a => a.CurrentConferenceId != call.ConferenceId && a.Presence != AgentPresence.OnCall,
            $"{freed} to be free of {call.ConferenceId}", Patience);
    }

    public async Task<string[]> SidsOfAsync(string conferenceId)
    {
        var view = await _cluster.ConferenceAsync(conferenceId);
        return [view.ConferenceSid!, .. view.Participants.Select(p => p.CallSid)];
    }

    /// <summary>An agent presses again if the console shows the server could not be reached (a 5xx).</summary>
    public static async Task<HttpResponseMessage> PressAsync(Func<Task<HttpResponseMessage>> press)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await press();
            if ((int)response.StatusCode < 500 || attempt == 5)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    public sealed record Call(FakeCall Caller, string Agent, string? Target)
    {
        public string ConferenceId => Caller.Sid;
    }
}
