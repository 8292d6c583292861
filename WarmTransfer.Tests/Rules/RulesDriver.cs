using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using static WarmTransfer.Grains.Conferences.ConferenceEffect;
using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Tests.Rules;

/// <summary>
/// Plays the grain's part around the pure rules: feeds inputs, answers the effects that report back
/// (agents from a list, CallSids for dialled legs) and records every effect, as the grain shell would.
/// </summary>
public sealed class RulesDriver
{
    private readonly Queue<string> _availableAgents = new();
    private readonly HashSet<string> _unreachableAgents = [];

    public RulesDriver(params string[] availableAgents)
    {
        foreach (var agent in availableAgents)
        {
            _availableAgents.Enqueue(agent);
        }
    }

    public ConferenceState State { get; private set; } = new();

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
        LastOutcome = CommandOutcome.Accepted;
        LastReason = null;
        var pending = new Queue<ConferenceInput>([input]);
        while (pending.TryDequeue(out var next))
        {
            var decision = ConferenceRules.Decide(State, next, Now);
            if (decision.Outcome != CommandOutcome.Accepted && LastOutcome == CommandOutcome.Accepted)
            {
                (LastOutcome, LastReason) = (decision.Outcome, decision.Reason);
            }

            State = decision.State;
            foreach (var effect in decision.Effects)
            {
                Effects.Add(effect);
                if (Answer(effect) is { } result)
                {
                    pending.Enqueue(result);
                }
            }
        }

        return [.. Effects.Skip(start)];
    }

    public ConferenceEffect[] CallerArrives() => Send(new CallerArrived(new IncomingCall(CallerSid, "+15550001111", "+15559990000")));

    public string LegOf(string agentId) => State.LiveLegOf(agentId)?.CallSid ?? throw new InvalidOperationException($"{agentId} has no live leg.");

    public ConferenceEffect[] Status(string callSid, CallStatus status) => Send(new CallStatusReceived(new CallStatusReport(callSid, status)));

    public ConferenceEffect[] Event(ConferenceEventKind kind, string? callSid = null, bool? hold = null, bool? endConferenceOnExit = null, int? sequence = null) =>
        Send(new ConferenceEventReceived(new ConferenceEvent(kind, State.ConferenceSid ?? ConferenceSid, sequence ?? ++_sequence, callSid, hold, endConferenceOnExit, null)));

    public string ConferenceSid { get; } = Sid.Conference();

    /// <summary>The agent's leg rings, answers, fetches its TwiML and joins, as Twilio reports it.</summary>
    public AgentConnection Answer(string agentId)
    {
        var callSid = LegOf(agentId);
        Status(callSid, CallStatus.Ringing);
        Status(callSid, CallStatus.InProgress);
        Send(new AgentAnswered(agentId, callSid));
        var connection = CallerRules.ConnectionFor(State, CallerSid, agentId, callSid);
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

    private ConferenceInput? Answer(ConferenceEffect effect) => effect switch
    {
        AcquireAgent => _availableAgents.TryDequeue(out var agent) ? new AgentReserved(agent) : new NoAgentFree(),
        ReserveTransferTarget { TargetId: { } target } reserve => TakeAgent(target) ? new TransferTargetReserved(reserve.TransfererId, target) : new TransferTargetRefused($"{target} is not available."),
        ReserveTransferTarget reserve => _availableAgents.TryDequeue(out var any) ? new TransferTargetReserved(reserve.TransfererId, any) : new TransferTargetRefused("No other agent is available."),
        DialAgent dial when _unreachableAgents.Contains(dial.AgentId) => new AgentLegNotPlaced(dial.AgentId, dial.Role, "unreachable"),
        DialAgent dial => new AgentLegPlaced(dial.AgentId, dial.Role, Sid.Call()),
        _ => null,
    };

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
