using WarmTransfer.Grains.Agents;
using static WarmTransfer.Grains.Conferences.ConferenceEffect;

namespace WarmTransfer.Grains.Conferences;

/// <summary>The transitions several rules share: a leg going away, a hand-over, a failed transfer, the end of the call.</summary>
internal static class ConferenceMoves
{
    /// <summary>An agent's leg is over, for whatever reason Twilio or the agent gave.</summary>
    public static Decision AgentLegGone(ConferenceState state, Participant leg, CallStatus status, DateTimeOffset now)
    {
        if (!leg.IsLive || leg.AgentId is not { } agentId)
        {
            return Decision.Unchanged(state);
        }

        var offered = state.Phase == ConferencePhase.Offering && leg.Role == ParticipantRole.HandlingAgent;
        var outcome = offered && !leg.HasAnswered ? AgentCallOutcome.Missed : AgentCallOutcome.Finished;
        var release = new ReleaseAgent(agentId, outcome);
        var transferer = state.Transfer?.TransfererId == agentId && !state.Transfer.TransfererGone;
        var gone = state.With(leg.Ended() with { Role = transferer ? ParticipantRole.FormerAgent : leg.Role });

        if (state.Phase == ConferencePhase.Ended)
        {
            return new Decision(gone, [release]);
        }

        if (offered)
        {
            return new Decision(gone with { Phase = ConferencePhase.Queued }, [release, new AcquireAgent()]);
        }

        if (transferer)
        {
            var left = new Decision(gone, [release]);
            return state.Phase == ConferencePhase.Transferring
                ? left.Then(TransfererLeftBeforeAnswer)
                : left.Then(HandOver);
        }

        if (leg.Role == ParticipantRole.HandlingAgent && state.HandlingAgentId == agentId)
        {
            // Twilio ends the conference when a leg with endConferenceOnExit leaves: then the call is over, as the agent meant.
            // A handling agent who did not end it (their flag was off, or our view of it stale) leaves the caller waiting.
            return leg.TwilioEndConferenceOnExit ?? leg.EndConferenceOnExit
                ? new Decision(gone, [release]).Then(s => EndCall(s, $"{agentId} hung up.", now))
                : new Decision(gone, [release]).Then(BackToTheLine);
        }

        if (state.Transfer is { } transfer && transfer.TargetCallSid == leg.CallSid)
        {
            return new Decision(gone, [release]).Then(s => TargetGone(s, TransferFailureMessage.For(transfer.TargetId, status, leg.HasAnswered)));
        }

        return new Decision(gone, [release]);
    }

    /// <summary>Asks Twilio to hold or release the caller, unless that is already what we asked for.</summary>
    public static ConferenceEffect[] HoldCaller(ConferenceState state, bool hold) =>
        state.CallerHoldRequested == hold ? [] : [new SetHold(state.CallerCallSid!, hold)];

    /// <summary>The transferer left while the target still rings (or before it was rung): the caller stays on hold music for the target.</summary>
    public static Decision TransfererLeftBeforeAnswer(ConferenceState state)
    {
        var transfer = state.Transfer!;
        var orphaned = state with { HandlingAgentId = null, Transfer = transfer with { TransfererGone = true } };
        if (!transfer.TargetDialled)
        {
            return TransferRules.DialTarget(orphaned);
        }

        return state.CallerHoldRequested
            ? Decision.Unchanged(orphaned)
            : new Decision(orphaned with { CallerHoldRequested = true }, [new SetHold(state.CallerCallSid!, true)]);
    }

    /// <summary>
    /// The target (who has joined) takes the call. While the transferer is still on, they leave only once Twilio confirms
    /// the target now ends the conference on exit (<see cref="TransferRules.Advance"/>): the caller off hold first, then the flag.
    /// </summary>
    public static Decision HandOver(ConferenceState state)
    {
        var transfer = state.Transfer!;
        var target = state.TargetLeg!;
        if (transfer.TransfererGone || state.LiveLegOf(transfer.TransfererId) is null)
        {
            return FinishHandOver(state);
        }

        var completing = (state with { Transfer = transfer with { Completing = true }, CallerHoldRequested = false })
            .With(target with { EndConferenceOnExit = true });
        return new Decision(completing, [.. HoldCaller(state, false), new SetEndConferenceOnExit(target.CallSid, true)]);
    }

    /// <summary>The target becomes the handling agent and the transferer's leg (if still up) is hung up.</summary>
    public static Decision FinishHandOver(ConferenceState state)
    {
        var transfer = state.Transfer!;
        var target = state.TargetLeg!;
        var transfererLeg = state.LiveLegOf(transfer.TransfererId);

        var handedOver = (state with
        {
            Phase = ConferencePhase.Connected,
            HandlingAgentId = transfer.TargetId,
            Transfer = null,
            CallerHoldRequested = false,
        }).With(target with { Role = ParticipantRole.HandlingAgent, EndConferenceOnExit = true });

        var effects = new List<ConferenceEffect>(HoldCaller(state, false));
        if (target.TwilioEndConferenceOnExit != true && !transfer.Completing)
        {
            effects.Add(new SetEndConferenceOnExit(target.CallSid, true));
        }

        if (transfererLeg is not null)
        {
            handedOver = handedOver.With(transfererLeg.Ended() with { Role = ParticipantRole.FormerAgent });
            effects.Add(new HangUpLeg(transfererLeg.CallSid));
            effects.Add(new ReleaseAgent(transfer.TransfererId, AgentCallOutcome.Finished));
        }

        return new Decision(handedOver, [.. effects]);
    }

    /// <summary>
    /// The target never answered, refused or hung up: the transferer takes the caller back (off hold once Twilio confirms
    /// they are still there and end the conference again), or, if the transferer is gone, the caller goes back to the line.
    /// </summary>
    public static Decision TargetGone(ConferenceState state, string message)
    {
        var transfer = state.Transfer!;
        if (transfer.TransfererGone || state.LiveLegOf(transfer.TransfererId) is not { } transfererLeg)
        {
            return BackToTheLine(state);
        }

        var kept = (state with { Phase = ConferencePhase.Connected, Transfer = null, CallerReturning = state.CallerHoldRequested })
            .With(transfererLeg with { EndConferenceOnExit = true });
        return new Decision(kept, [new SetEndConferenceOnExit(transfererLeg.CallSid, true), new NotifyAgent(transfer.TransfererId, message)])
            .Then(TransferRules.Advance);
    }

    /// <summary>Nobody has the caller any more, yet Twilio keeps their conference: they wait on hold music for the next agent.</summary>
    public static Decision BackToTheLine(ConferenceState state)
    {
        var waiting = state with
        {
            Phase = ConferencePhase.Queued,
            Transfer = null,
            HandlingAgentId = null,
            CallerReturning = false,
            CallerHoldRequested = true,
        };
        return new Decision(waiting, [.. HoldCaller(state, true), new AcquireAgent()]);
    }

    /// <summary>Twilio would not confirm the transferer can take the caller back: their leg is given up and the caller goes to the next agent.</summary>
    public static Decision TransfererLost(ConferenceState state, string reason)
    {
        var leg = state.LiveLegOf(state.HandlingAgentId!)!;
        var gone = state.With(leg.Ended() with { Role = ParticipantRole.FormerAgent });
        return new Decision(gone,
        [
            new HangUpLeg(leg.CallSid),
            new ReleaseAgent(leg.AgentId!, AgentCallOutcome.Finished),
            new NotifyAgent(leg.AgentId!, $"The caller could not be given back to you ({reason}); they wait for the next agent."),
        ]).Then(BackToTheLine);
    }

    public static Decision CallerGone(ConferenceState state, DateTimeOffset now) =>
        state.Caller is { } caller
            ? EndCall(state.With(caller.Ended()), "The caller hung up.", now)
            : EndCall(state, "The caller hung up.", now);

    /// <summary>The call is over: every leg still up is hung up (ringing ones too) and every agent is released.</summary>
    public static Decision EndCall(ConferenceState state, string reason, DateTimeOffset now)
    {
        if (state.Phase == ConferencePhase.Ended)
        {
            return Decision.Unchanged(state);
        }

        var effects = new List<ConferenceEffect>();
        var ended = state;
        foreach (var leg in state.Participants.Where(p => p.IsLive))
        {
            effects.Add(new HangUpLeg(leg.CallSid));
            if (leg.AgentId is { } agentId)
            {
                effects.Add(new ReleaseAgent(agentId, AgentCallOutcome.Finished));
            }

            ended = ended.With(leg.Ended());
        }

        if (state.Phase is ConferencePhase.Queued or ConferencePhase.Offering)
        {
            effects.Add(new WithdrawFromQueue());
        }

        ended = ended with
        {
            Phase = ConferencePhase.Ended,
            Transfer = null,
            CallerHoldRequested = false,
            CallerReturning = false,
            EndedAt = now,
            EndReason = reason,
        };
        return new Decision(ended, [.. effects]);
    }
}
