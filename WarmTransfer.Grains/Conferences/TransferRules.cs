using WarmTransfer.Grains.Agents;
using static WarmTransfer.Grains.Conferences.ConferenceEffect;

namespace WarmTransfer.Grains.Conferences;

/// <summary>The agents' commands: attended transfer (consult, three-way, complete, cancel), hold and hang up.</summary>
public static class TransferRules
{
    public static Decision Start(ConferenceState state, string agentId, string? targetAgentId)
    {
        if (state.LiveLegOf(agentId) is null)
        {
            return NotYourCall(state);
        }

        if (state.Transfer is not null)
        {
            return Decision.Refused(state, CommandOutcome.WrongPhase, "A transfer is already in progress.");
        }

        if (state.HandlingAgentId != agentId)
        {
            return Decision.Refused(state, CommandOutcome.NotYourCall, "Only the agent handling the call can transfer it.");
        }

        if (state.Phase != ConferencePhase.Connected)
        {
            return Decision.Refused(state, CommandOutcome.WrongPhase, "The call is not connected yet.");
        }

        if (targetAgentId == agentId)
        {
            return Decision.Refused(state, CommandOutcome.Invalid, "You cannot transfer a call to yourself.");
        }

        return new Decision(state, [new ReserveTransferTarget(agentId, targetAgentId)]);
    }

    /// <summary>
    /// The target is ours. First the transferer must stop ending the conference on exit: while the caller is on hold and
    /// the target rings, the transferer leaving must not end the call. Only once Twilio confirms that (<see cref="Advance"/>)
    /// is the caller put on hold and the target rung.
    /// </summary>
    public static Decision TargetReserved(ConferenceState state, string transfererId, string targetId)
    {
        var transfererLeg = state.LiveLegOf(transfererId);
        if (state.Phase != ConferencePhase.Connected || state.HandlingAgentId != transfererId || transfererLeg is null)
        {
            return new Decision(state, [new ReleaseAgent(targetId, AgentCallOutcome.Finished)], CommandOutcome.WrongPhase, "The call changed before the transfer could start.");
        }

        var preparing = (state with
        {
            Phase = ConferencePhase.Transferring,
            Transfer = new TransferState(transfererId, targetId, null, false),
            CallerReturning = false,
        }).With(transfererLeg with { EndConferenceOnExit = false });
        return new Decision(preparing, [new SetEndConferenceOnExit(transfererLeg.CallSid, false)]);
    }

    /// <summary>Moves a transfer on once Twilio confirms what the next step depends on.</summary>
    public static Decision Advance(ConferenceState state)
    {
        if (state.CallerReturning && state.HandlingAgentId is { } handler && state.LiveLegOf(handler) is { TwilioEndConferenceOnExit: true })
        {
            return new Decision(state with { CallerReturning = false, CallerHoldRequested = false }, [new SetHold(state.CallerCallSid!, false)]);
        }

        if (state.Transfer is not { } transfer)
        {
            return Decision.Unchanged(state);
        }

        if (state.Phase == ConferencePhase.Transferring && !transfer.TargetDialled && !transfer.TransfererGone
            && state.LiveLegOf(transfer.TransfererId) is { TwilioEndConferenceOnExit: false })
        {
            return DialTarget(state);
        }

        return transfer.Completing && state.TargetLeg is { IsLive: true, TwilioEndConferenceOnExit: true }
            ? ConferenceMoves.FinishHandOver(state)
            : Decision.Unchanged(state);
    }

    /// <summary>The caller goes on hold music and the target's browser rings.</summary>
    public static Decision DialTarget(ConferenceState state)
    {
        var transfer = state.Transfer!;
        var dialling = state with { Transfer = transfer with { TargetDialled = true }, CallerHoldRequested = true };
        return new Decision(dialling, [.. ConferenceMoves.HoldCaller(state, true), new DialAgent(transfer.TargetId, ParticipantRole.TransferTarget)]);
    }

    /// <summary>Twilio would not stop the transferer ending the conference: the transfer is refused before anyone is put on hold.</summary>
    public static Decision AbandonPreparation(ConferenceState state, string reason)
    {
        var transfer = state.Transfer!;
        var transfererLeg = state.LiveLegOf(transfer.TransfererId)!;
        var connected = (state with { Phase = ConferencePhase.Connected, Transfer = null })
            .With(transfererLeg with { EndConferenceOnExit = true });
        var message = $"The transfer to {transfer.TargetId} could not start: {reason} You still have the caller.";
        return new Decision(connected,
        [
            new SetEndConferenceOnExit(transfererLeg.CallSid, true),
            new ReleaseAgent(transfer.TargetId, AgentCallOutcome.Finished),
        ], CommandOutcome.TelephonyFailed, message);
    }

    /// <summary>Twilio would not make the target end the conference on exit: the transferer stays, all three talk, and the transferer is told.</summary>
    public static Decision CompletionFailed(ConferenceState state, string reason)
    {
        var transfer = state.Transfer!;
        var target = state.TargetLeg!;
        var threeWay = (state with { Phase = ConferencePhase.ThreeWay, Transfer = transfer with { Completing = false } })
            .With(target with { EndConferenceOnExit = false });
        var message = $"The transfer to {transfer.TargetId} could not be completed: {reason} You are all still on the call; try again.";
        return new Decision(threeWay,
        [
            new SetEndConferenceOnExit(target.CallSid, false),
            new NotifyAgent(transfer.TransfererId, message),
        ], CommandOutcome.TelephonyFailed, message);
    }

    public static Decision JoinThreeWay(ConferenceState state, string agentId)
    {
        if (RefuseUnlessTransferer(state, agentId) is { } refused)
        {
            return refused;
        }

        if (state.Transfer!.Completing)
        {
            return Decision.Refused(state, CommandOutcome.WrongPhase, "The transfer is being completed.");
        }

        return state.Phase switch
        {
            ConferencePhase.Consulting => new Decision(
                state with { Phase = ConferencePhase.ThreeWay, CallerHoldRequested = false },
                [new SetHold(state.CallerCallSid!, false)]),
            ConferencePhase.ThreeWay => Decision.Unchanged(state),
            _ => NotAnsweredYet(state),
        };
    }

    public static Decision HoldCaller(ConferenceState state, string agentId, bool hold)
    {
        if (state.Transfer is not null)
        {
            if (!hold)
            {
                return JoinThreeWay(state, agentId);
            }

            if (RefuseUnlessTransferer(state, agentId) is { } refused)
            {
                return refused;
            }

            if (state.Transfer.Completing)
            {
                return Decision.Refused(state, CommandOutcome.WrongPhase, "The transfer is being completed.");
            }

            return state.Phase == ConferencePhase.ThreeWay
                ? new Decision(state with { Phase = ConferencePhase.Consulting, CallerHoldRequested = true }, [new SetHold(state.CallerCallSid!, true)])
                : Decision.Unchanged(state);
        }

        if (state.HandlingAgentId != agentId || state.LiveLegOf(agentId) is null)
        {
            return NotYourCall(state);
        }

        if (state.Phase != ConferencePhase.Connected)
        {
            return Decision.Refused(state, CommandOutcome.WrongPhase, "The call is not connected.");
        }

        return state.CallerHoldRequested == hold
            ? Decision.Unchanged(state with { CallerReturning = false })
            : new Decision(state with { CallerHoldRequested = hold, CallerReturning = false }, [new SetHold(state.CallerCallSid!, hold)]);
    }

    /// <summary>Hands the caller to the target. Before the target answers this becomes a blind transfer: the transferer leaves and the caller waits on hold for the target.</summary>
    public static Decision Complete(ConferenceState state, string agentId)
    {
        if (RefuseUnlessTransferer(state, agentId) is { } refused)
        {
            return refused;
        }

        if (state.Transfer!.Completing)
        {
            return Decision.Unchanged(state);
        }

        if (!state.Transfer.TargetDialled)
        {
            return Decision.Refused(state, CommandOutcome.WrongPhase, "The transfer is still starting.");
        }

        if (state.Phase is ConferencePhase.Consulting or ConferencePhase.ThreeWay)
        {
            return ConferenceMoves.HandOver(state);
        }

        var transfererLeg = state.LiveLegOf(agentId)!;
        var left = state.With(transfererLeg.Ended() with { Role = ParticipantRole.FormerAgent });
        return new Decision(left, [new HangUpLeg(transfererLeg.CallSid), new ReleaseAgent(agentId, AgentCallOutcome.Finished)])
            .Then(ConferenceMoves.TransfererLeftBeforeAnswer);
    }

    public static Decision Cancel(ConferenceState state, string agentId)
    {
        if (RefuseUnlessTransferer(state, agentId) is { } refused)
        {
            return refused;
        }

        var transfer = state.Transfer!;
        if (transfer.Completing)
        {
            return Decision.Refused(state, CommandOutcome.WrongPhase, "The transfer is already being completed.");
        }

        var transfererLeg = state.LiveLegOf(agentId)!;
        var cancelled = (state with { Phase = ConferencePhase.Connected, Transfer = null, CallerHoldRequested = false })
            .With(transfererLeg with { EndConferenceOnExit = true });
        var effects = new List<ConferenceEffect>();
        if (state.TargetLeg is { IsLive: true } target)
        {
            cancelled = cancelled.With(target.Ended());
            effects.Add(new HangUpLeg(target.CallSid));
        }

        effects.Add(new ReleaseAgent(transfer.TargetId, AgentCallOutcome.Finished));
        effects.AddRange(ConferenceMoves.HoldCaller(state, false));

        effects.Add(new SetEndConferenceOnExit(transfererLeg.CallSid, true));
        return new Decision(cancelled, [.. effects]);
    }

    public static Decision HangUp(ConferenceState state, string agentId, DateTimeOffset now)
    {
        if (state.LiveLegOf(agentId) is not { } leg)
        {
            return NotYourCall(state);
        }

        return new Decision(state, [new HangUpLeg(leg.CallSid)])
            .Then(s => ConferenceMoves.AgentLegGone(s, leg, CallStatus.Completed, now));
    }

    private static Decision? RefuseUnlessTransferer(ConferenceState state, string agentId)
    {
        if (state.LiveLegOf(agentId) is null)
        {
            return NotYourCall(state);
        }

        if (state.Transfer is not { } transfer)
        {
            return Decision.Refused(state, CommandOutcome.WrongPhase, "No transfer is in progress.");
        }

        return transfer.TransfererId != agentId || transfer.TransfererGone
            ? Decision.Refused(state, CommandOutcome.NotYourCall, $"Only {transfer.TransfererId}, who started the transfer, can do this.")
            : null;
    }

    private static Decision NotAnsweredYet(ConferenceState state) =>
        Decision.Refused(state, CommandOutcome.WrongPhase, $"{state.Transfer!.TargetId} has not answered yet.");

    private static Decision NotYourCall(ConferenceState state) =>
        Decision.Refused(state, CommandOutcome.NotYourCall, "You are not on this call.");
}
