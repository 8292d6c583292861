using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using static WarmTransfer.Grains.Conferences.ConferenceEffect;
using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Tests.Rules;

/// <summary>
/// Runs the pure rules through the grain's own <see cref="ConferenceLoop"/>, playing Twilio and the other grains
/// synchronously: agents from a list, CallSids for dialled legs, participant updates applied as asked (unless told to
/// fail), call statuses the test sets. Records every effect carried out.
/// </summary>
public sealed class RulesDriver
{
    private readonly Queue<string> _availableAgents = new();
    private readonly HashSet<string> _unreachableAgents = [];
    private readonly ConferenceLoop _loop;

    public RulesDriver(params string[] availableAgents)
    {
        foreach (var agent in availableAgents)
        {
            _availableAgents.Enqueue(agent);
        }

        _loop = new ConferenceLoop(() => State, next => State = next, Store,
            (effect, _) => Task.FromResult(Carry(effect)), () => Now);
    }

    /// <summary>Decides which effects Twilio refuses: return a reason to fail the effect, null to carry it out.</summary>
    public Func<ConferenceEffect, string?> Fail { get; set; } = _ => null;

    /// <summary>Agents this conference holds (reserved and not yet released), as the agent grains would see it.</summary>
    public HashSet<string> Reserved { get; } = [];

    /// <summary>Released agents become available again (as an agent who stays available would).</summary>
    public bool ReleasedAgentsReturn { get; set; }

    /// <summary>Effects the grain must never be asked for: ringing an agent who still has a leg, releasing one who has.</summary>
    public List<string> Violations { get; } = [];

    /// <summary>What Twilio's REST API answers when asked about a call (CheckCall).</summary>
    public Dictionary<string, CallStatus> CallStatuses { get; } = [];

    public ConferenceState State { get; private set; } = new();

    /// <summary>The state as last stored: what a new activation would start from.</summary>
    public ConferenceState Stored { get; private set; } = new();

    public int Stores { get; private set; }

    public List<ConferenceEffect> Effects { get; } = [];

    public DateTimeOffset Now { get; set; } = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public CommandOutcome LastOutcome { get; private set; }

    public string? LastReason { get; private set; }

    public string CallerSid { get; } = Sid.Call();

    private int _sequence;

    public void MakeAvailable(string agentId) => _availableAgents.Enqueue(agentId);

    public void MakeUnreachable(string agentId) => _unreachableAgents.Add(agentId);

    /// <summary>Feeds one input and everything its effects report back; returns the effects of this step only.</summary>
    public ConferenceEffect[] Send(ConferenceInput input)
    {
        var start = Effects.Count;
        // Every task the loop awaits here is already complete: Carry answers synchronously.
        var outcome = _loop.RunAsync(input).GetAwaiter().GetResult();
        (LastOutcome, LastReason) = (outcome.Outcome, outcome.Reason);
        return [.. Effects.Skip(start)];
    }

    public ConferenceEffect[] CallerArrives() => Send(new CallerArrived(new IncomingCall(CallerSid, "+15550001111", "+15559990000")));

    public string LegOf(string agentId) => State.LiveLegOf(agentId)?.CallSid ?? throw new InvalidOperationException($"{agentId} has no live leg.");

    public ConferenceEffect[] Status(string callSid, CallStatus status) => Send(new CallStatusReceived(new CallStatusReport(callSid, status)));

    /// <summary>A conference callback; a participant-leave says the participant hung up unless another reason is given.</summary>
    public ConferenceEffect[] Event(ConferenceEventKind kind, string? callSid = null, bool? hold = null, bool? endConferenceOnExit = null, int? sequence = null,
        string? reasonLeft = ConferenceEventRules.ParticipantHungUp, string? conferenceSid = null) =>
        Send(new ConferenceEventReceived(new ConferenceEvent(kind, conferenceSid ?? State.ConferenceSid ?? ConferenceSid, sequence ?? ++_sequence, callSid, hold, endConferenceOnExit,
            kind == ConferenceEventKind.ParticipantLeave ? reasonLeft : null)));

    public string ConferenceSid { get; } = Sid.Conference();

    /// <summary>The agent's leg rings, answers, fetches its TwiML and joins, as Twilio reports it.</summary>
    public AgentConnection Answer(string agentId)
    {
        var callSid = LegOf(agentId);
        Status(callSid, CallStatus.Ringing);
        Status(callSid, CallStatus.InProgress);
        Send(new AgentAnswered(agentId, callSid));
        var connection = AdmissionRules.ConnectionFor(State, CallerSid, agentId, callSid);
        Event(ConferenceEventKind.ParticipantJoin, callSid, hold: false, endConferenceOnExit: connection.EndConferenceOnExit);
        return connection;
    }

    /// <summary>A caller connected to the first available agent.</summary>
    public static RulesDriver Connected(string agentId, params string[] otherAvailableAgents)
    {
        var driver = new RulesDriver(agentId);
        driver.CallerArrives();
        driver.Event(ConferenceEventKind.ParticipantJoin, driver.CallerSid, hold: false, endConferenceOnExit: true);
        driver.Answer(agentId);
        foreach (var other in otherAvailableAgents)
        {
            driver.MakeAvailable(other);
        }

        return driver;
    }

    private IReadOnlyList<ConferenceInput> Carry(ConferenceEffect effect)
    {
        Effects.Add(effect);
        CheckAgents(effect);
        if (Fail(effect) is { } reason)
        {
            return effect switch
            {
                AcquireAgent => [new NoAgentFree()],
                ReserveTransferTarget => [new TransferTargetRefused(reason)],
                DialAgent dial => [new AgentLegNotPlaced(dial.AgentId, dial.Role, reason)],
                _ => [new EffectFailed(effect, reason)],
            };
        }

        var results = effect switch
        {
            AcquireAgent => [_availableAgents.TryDequeue(out var agent) ? new AgentReserved(agent) : new NoAgentFree()],
            ReserveTransferTarget { TargetId: { } target } reserve => [TakeAgent(target) ? new TransferTargetReserved(reserve.TransfererId, target) : new TransferTargetRefused($"{target} is not available.")],
            ReserveTransferTarget reserve => [_availableAgents.TryDequeue(out var any) ? new TransferTargetReserved(reserve.TransfererId, any) : new TransferTargetRefused("No other agent is available.")],
            DialAgent dial when _unreachableAgents.Contains(dial.AgentId) => [new AgentLegNotPlaced(dial.AgentId, dial.Role, "unreachable")],
            DialAgent dial => [new AgentLegPlaced(dial.AgentId, dial.Role, Sid.Call())],
            SetHold hold => [new ParticipantObserved(new ParticipantSnapshot(hold.CallSid, hold.Hold, ReportedFlag(hold.CallSid)))],
            SetEndConferenceOnExit flag => [new ParticipantObserved(new ParticipantSnapshot(flag.CallSid, State.Leg(flag.CallSid)?.OnHold ?? false, flag.EndConferenceOnExit))],
            CheckCall check when CallStatuses.TryGetValue(check.CallSid, out var status) => [new CallStatusReceived(new CallStatusReport(check.CallSid, status))],
            _ => new List<ConferenceInput>(),
        };
        foreach (var reserved in results)
        {
            Reserved.Add(reserved switch { AgentReserved r => r.AgentId, TransferTargetReserved t => t.TargetId, _ => "" });
        }

        Reserved.Remove("");
        return results;
    }

    private Task Store()
    {
        (Stored, Stores) = (State, Stores + 1);
        return Task.CompletedTask;
    }

    private void CheckAgents(ConferenceEffect effect)
    {
        if (!Stored.Outbox.Any(stored => stored == effect || stored is DialAgent dial && dial with { AttemptedAt = null } == effect))
        {
            Violations.Add($"{effect} was carried out before the state that asked for it was stored");
        }

        switch (effect)
        {
            case DialAgent dial when State.LegsNotOver.Any(p => p.AgentId == dial.AgentId):
                Violations.Add($"{dial.AgentId} was rung while a leg of theirs was still up");
                break;
            case SetHold { Hold: true } when State.Transfer is { TransfererGone: false } transfer
                && State.LiveLegOf(transfer.TransfererId) is { TwilioEndConferenceOnExit: not false }:
                Violations.Add("the caller was put on hold for a transfer before Twilio confirmed the transferer no longer ends the conference");
                break;
            case ReleaseAgent release when State.LegsNotOver.Any(p => p.AgentId == release.AgentId):
                Violations.Add($"{release.AgentId} was released while a leg of theirs was still up");
                break;
            case ReleaseAgent release when Reserved.Remove(release.AgentId) && ReleasedAgentsReturn:
                _availableAgents.Enqueue(release.AgentId);
                break;
        }
    }

    private bool ReportedFlag(string callSid) => State.Leg(callSid) is { } leg ? leg.TwilioEndConferenceOnExit ?? leg.EndConferenceOnExit : false;

    private bool TakeAgent(string agentId)
    {
        if (!_availableAgents.Contains(agentId))
        {
            return false;
        }

        var rest = _availableAgents.Where(a => a != agentId).ToList();
        _availableAgents.Clear();
        rest.ForEach(_availableAgents.Enqueue);
        return true;
    }
}
