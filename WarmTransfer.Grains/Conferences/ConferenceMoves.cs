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
            return new Decision(gone, [release]).Then(s => EndCall(s, $"{agentId} hung up.", now));
        }

        if (state.Transfer is { } transfer && transfer.TargetCallSid == leg.CallSid)
        {
            return new Decision(gone, [release]).Then(s => TargetGone(s, TransferFailureMessage.For(transfer.TargetId, status, leg.HasAnswered)));
        }

        return new Decision(gone, [release]);
    }

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
        var unhold = state.CallerHoldRequested ? new ConferenceEffect[] { new SetHold(state.CallerCallSid!, false) } : [];
        return new Decision(completing, [.. unhold, new SetEndConferenceOnExit(target.CallSid, true)]);
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

        var effects = new List<ConferenceEffect>();
        if (state.CallerHoldRequested)
        {
            effects.Add(new SetHold(state.CallerCallSid!, false));
        }

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

    /// <summary>The target never answered, refused or hung up: the transferer keeps the caller, or, if the transferer is gone, the caller goes back to the queue on hold music.</summary>
    public static Decision TargetGone(ConferenceState state, string message)
    {
        var transfer = state.Transfer!;
        if (transfer.TransfererGone)
        {
            var requeued = state with { Phase = ConferencePhase.Queued, Transfer = null, HandlingAgentId = null };
            return new Decision(requeued, [new AcquireAgent()]);
        }

        var transfererLeg = state.LiveLegOf(transfer.TransfererId);
        var kept = state with { Phase = ConferencePhase.Connected, Transfer = null, CallerHoldRequested = false };
        var effects = new List<ConferenceEffect> { new SetHold(state.CallerCallSid!, false) };
        if (transfererLeg is not null)
        {
            kept = kept.With(transfererLeg with { EndConferenceOnExit = true });
            effects.Add(new SetEndConferenceOnExit(transfererLeg.CallSid, true));
        }

        effects.Add(new NotifyAgent(transfer.TransfererId, message));
        return new Decision(kept, [.. effects]);
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
            EndedAt = now,
            EndReason = reason,
        };
        return new Decision(ended, [.. effects]);
    }
}
