using static WarmTransfer.Grains.Conferences.ConferenceEffect;

namespace WarmTransfer.Grains.Conferences;

/// <summary>Conference status callbacks. Each leg keeps the last SequenceNumber applied to it, so stale and repeated events change nothing.</summary>
public static class ConferenceEventRules
{
    public static Decision Apply(ConferenceState state, ConferenceEvent e, DateTimeOffset now)
    {
        if (state.Phase == ConferencePhase.None || (state.ConferenceSid is { } known && known != e.ConferenceSid))
        {
            return Decision.Unchanged(state);
        }

        var current = state.ConferenceSid is null ? state with { ConferenceSid = e.ConferenceSid } : state;
        switch (e.Kind)
        {
            case ConferenceEventKind.ConferenceEnd:
                return ConferenceMoves.EndCall(current, "The conference ended.", now);
            case ConferenceEventKind.ParticipantJoin or ConferenceEventKind.ParticipantLeave or ConferenceEventKind.ParticipantHold
                or ConferenceEventKind.ParticipantUnhold or ConferenceEventKind.ParticipantModify:
                break;
            default:
                return Decision.Unchanged(current);
        }

        var leg = e.CallSid is { } callSid ? current.Leg(callSid) : null;
        if (leg is null || e.SequenceNumber <= leg.LastSequenceNumber)
        {
            return Decision.Unchanged(current);
        }

        var seen = leg with { LastSequenceNumber = e.SequenceNumber };
        return e.Kind switch
        {
            ConferenceEventKind.ParticipantHold => Decision.Unchanged(current.With(seen with { OnHold = true })),
            ConferenceEventKind.ParticipantUnhold => Decision.Unchanged(current.With(seen with { OnHold = false })),
            ConferenceEventKind.ParticipantModify => Decision.Unchanged(current.With(
                seen with { EndConferenceOnExit = e.EndConferenceOnExit ?? seen.EndConferenceOnExit, OnHold = e.Hold ?? seen.OnHold })),
            ConferenceEventKind.ParticipantJoin when seen.IsLive => Joined(current.With(JoinedLeg(seen, e)), JoinedLeg(seen, e), now),
            ConferenceEventKind.ParticipantLeave when seen.IsLive && seen.Role == ParticipantRole.Caller =>
                ConferenceMoves.CallerGone(current.With(seen), now),
            ConferenceEventKind.ParticipantLeave when seen.IsLive =>
                ConferenceMoves.AgentLegGone(current.With(seen), seen, CallStatus.Completed, now),
            _ => Decision.Unchanged(current.With(seen)),
        };
    }

    private static Participant JoinedLeg(Participant leg, ConferenceEvent e) => leg with
    {
        State = ParticipantState.Joined,
        EndConferenceOnExit = e.EndConferenceOnExit ?? leg.EndConferenceOnExit,
        OnHold = e.Hold ?? leg.OnHold,
    };

    private static Decision Joined(ConferenceState state, Participant leg, DateTimeOffset now)
    {
        if (leg.Role == ParticipantRole.HandlingAgent && state.Phase == ConferencePhase.Offering)
        {
            var connected = state with
            {
                Phase = ConferencePhase.Connected,
                HandlingAgentId = leg.AgentId,
                ConnectedAt = state.ConnectedAt ?? now,
                CallerHoldRequested = false,
            };
            var joined = new Decision(connected, [new MarkAgentJoined(leg.AgentId!)]);
            return state.CallerHoldRequested ? joined.Then(new SetHold(state.CallerCallSid!, false)) : joined;
        }

        if (leg.Role == ParticipantRole.TransferTarget && state.Phase == ConferencePhase.Transferring
            && state.Transfer is { } transfer && transfer.TargetCallSid == leg.CallSid)
        {
            var joined = new Decision(state, [new MarkAgentJoined(leg.AgentId!)]);
            return transfer.TransfererGone
                ? joined.Then(ConferenceMoves.HandOver)
                : joined.Then(s => Decision.Unchanged(s with { Phase = ConferencePhase.Consulting }));
        }

        return Decision.Unchanged(state);
    }
}
