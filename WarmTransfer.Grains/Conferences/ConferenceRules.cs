using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// The conference's decision logic: state + input → new state + effects. Pure, so every rule is tested without a cluster.
/// Every input may arrive twice or late; each rule leaves the state unchanged when it has nothing new to say.
/// </summary>
public static class ConferenceRules
{
    public static Decision Decide(ConferenceState state, ConferenceInput input, DateTimeOffset now) =>
        AgentReleases.Settle(Route(state, input, now));

    private static Decision Route(ConferenceState state, ConferenceInput input, DateTimeOffset now) => input switch
    {
        CallerArrived arrived => AdmissionRules.Admit(state, arrived.Call, now),
        CallerReturned => AdmissionRules.Returned(state),
        AgentAnswered answered => AdmissionRules.AgentAnswered(state, answered.AgentId, answered.CallSid),
        ConferenceEventReceived received => ConferenceEventRules.Apply(state, received.Event, now),
        CallStatusReceived received => CallStatusRules.Apply(state, received.Report, now),
        ParticipantObserved observed => ReconciliationRules.Observed(state, observed.Participant),
        ParticipantsListed listed => ReconciliationRules.Listed(state, listed.ConferenceSid, listed.Participants, now),
        AgentMayBeAvailable => OfferingRules.AgentMayBeAvailable(state),
        AgentCheckingIn checkingIn => AgentReleases.CheckIn(state, checkingIn.AgentId),
        AgentReserved reserved => OfferingRules.AgentReserved(state, reserved.AgentId),
        NoAgentFree => Decision.Unchanged(state),
        AgentLegPlaced placed => OfferingRules.LegPlaced(state, placed.AgentId, placed.Role, placed.CallSid),
        AgentLegNotPlaced notPlaced => OfferingRules.LegNotPlaced(state, notPlaced.AgentId, notPlaced.Role, notPlaced.Reason),
        ConferenceSidFound found => Decision.Unchanged(state.ConferenceSid is null ? state with { ConferenceSid = found.ConferenceSid } : state),
        EffectFailed failed => EffectFailureRules.Apply(state, failed.Effect, failed.Reason),
        StartTransfer start => TransferRules.Start(state, start.AgentId, start.TargetAgentId),
        TransferTargetReserved reserved => TransferRules.TargetReserved(state, reserved.TransfererId, reserved.TargetId),
        TransferTargetRefused refused => Decision.Refused(state, CommandOutcome.TargetUnavailable, refused.Reason),
        JoinThreeWay join => TransferRules.JoinThreeWay(state, join.AgentId),
        CompleteTransfer complete => TransferRules.Complete(state, complete.AgentId),
        CancelTransfer cancel => TransferRules.Cancel(state, cancel.AgentId),
        HoldCaller hold => TransferRules.HoldCaller(state, hold.AgentId, hold.Hold),
        HangUp hangUp => TransferRules.HangUp(state, hangUp.AgentId, now),
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, "Unknown conference input."),
    };
}
