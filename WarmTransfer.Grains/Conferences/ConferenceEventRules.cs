using static WarmTransfer.Grains.Conferences.ConferenceEffect;

namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// Conference status callbacks. Each leg keeps the last SequenceNumber applied to it, so stale and repeated events change
/// nothing. A caller who waits may leave a conference and come back in a new one (a failed wait-URL fetch ends their
/// &lt;Dial&gt;; our TwiML then brings them back): the old conference's late events are ignored.
/// </summary>
public static class ConferenceEventRules
{
    /// <summary>
    /// Twilio's documented ReasonParticipantLeft for a participant who hung up (TwiML &lt;Conference&gt;, statusCallbackEvent,
    /// https://www.twilio.com/docs/voice/twiml/conference). No document names the reason when a failed wait fetch takes a
    /// waiting caller out, so any other reason while they wait is checked against the call's status instead of assumed.
    /// </summary>
    public const string ParticipantHungUp = "participant_hung_up";

    public static Decision Apply(ConferenceState state, ConferenceEvent e, DateTimeOffset now)
    {
        if (state.Phase == ConferencePhase.None || !state.IsAbout(e.ConferenceSid))
        {
            return Decision.Unchanged(state);
        }

        var current = state.ConferenceSid is null ? state with { ConferenceSid = e.ConferenceSid } : state;
        switch (e.Kind)
        {
            case ConferenceEventKind.ConferenceEnd:
                return CallerStillWaiting(current)
                    ? CallerBetweenConferences(current with { PastConferenceSids = current.PastConferenceSids.Add(e.ConferenceSid), ConferenceSid = null })
                    : ConferenceMoves.EndCall(current, "The conference ended.", now);
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
        var reported = seen.Observed(e.Hold ?? seen.OnHold, e.EndConferenceOnExit ?? seen.TwilioEndConferenceOnExit ?? seen.EndConferenceOnExit);
        return e.Kind switch
        {
            ConferenceEventKind.ParticipantHold => Reported(current, reported with { OnHold = true }),
            ConferenceEventKind.ParticipantUnhold => Reported(current, reported with { OnHold = false }),
            ConferenceEventKind.ParticipantModify => Reported(current, reported),
            ConferenceEventKind.ParticipantJoin when seen.IsLive => Joined(current, reported, now).Then(s => ReconciliationRules.AskAgainForPendingChanges(s, seen.CallSid)),
            ConferenceEventKind.ParticipantJoin when !seen.CallOver => new Decision(current.With(reported), [new HangUpLeg(seen.CallSid)]),
            ConferenceEventKind.ParticipantLeave => Left(current, seen, e.ReasonParticipantLeft, now),
            _ => Decision.Unchanged(current.With(seen)),
        };
    }

    /// <summary>Twilio reported a leg's hold or flags: what moves a transfer on, and a correction where it differs from what we want.</summary>
    private static Decision Reported(ConferenceState state, Participant leg) =>
        TransferRules.Advance(state.With(leg)).Then(s => ReconciliationRules.AskAgainForPendingChanges(s, leg.CallSid));

    /// <summary>A leg joined (reported by a callback, or found in the participant list when the callback was lost).</summary>
    public static Decision Joined(ConferenceState state, Participant leg, DateTimeOffset now)
    {
        var joinedLeg = leg with { State = ParticipantState.Joined };
        state = state.With(joinedLeg);
        if (joinedLeg.Role == ParticipantRole.HandlingAgent && state.Phase == ConferencePhase.Offering)
        {
            var connected = state with
            {
                Phase = ConferencePhase.Connected,
                HandlingAgentId = joinedLeg.AgentId,
                ConnectedAt = state.ConnectedAt ?? now,
                CallerHoldRequested = false,
            };
            var joined = new Decision(connected, [new MarkAgentJoined(joinedLeg.AgentId!)]);
            return state.CallerHoldRequested ? joined.Then(new SetHold(state.CallerCallSid!, false)) : joined;
        }

        if (joinedLeg.Role == ParticipantRole.TransferTarget && state.Phase == ConferencePhase.Transferring
            && state.Transfer is { } transfer && transfer.TargetCallSid == joinedLeg.CallSid)
        {
            var joined = new Decision(state, [new MarkAgentJoined(joinedLeg.AgentId!)]);
            return transfer.TransfererGone
                ? joined.Then(ConferenceMoves.HandOver)
                : joined.Then(s => Decision.Unchanged(s with { Phase = ConferencePhase.Consulting }));
        }

        return TransferRules.Advance(state);
    }

    /// <summary>A leg left the conference. An agent's leg is then over (our agent TwiML has nothing after &lt;Dial&gt;); a waiting caller may come back.</summary>
    private static Decision Left(ConferenceState state, Participant leg, string? reason, DateTimeOffset now)
    {
        if (leg.Role != ParticipantRole.Caller)
        {
            var over = leg with { CallOver = true };
            return leg.IsLive
                ? ConferenceMoves.AgentLegGone(state.With(over), over, CallStatus.Completed, now)
                : Decision.Unchanged(state.With(over));
        }

        if (!leg.IsLive)
        {
            return Decision.Unchanged(state.With(leg));
        }

        if (reason == ParticipantHungUp)
        {
            return ConferenceMoves.CallerGone(state.With(leg with { CallOver = true }), now);
        }

        return CallerStillWaiting(state)
            ? CallerBetweenConferences(state.With(leg))
            : ConferenceMoves.CallerGone(state.With(leg), now);
    }

    /// <summary>No agent has talked to the caller yet, so the conference can only have ended under them by a fault, not by intent.</summary>
    private static bool CallerStillWaiting(ConferenceState state) =>
        state.Phase is ConferencePhase.Queued or ConferencePhase.Offering && state.Caller is { IsLive: true };

    /// <summary>The caller is out of the conference but maybe still on the line: ask Twilio rather than assume either way.</summary>
    private static Decision CallerBetweenConferences(ConferenceState state)
    {
        var caller = state.Caller!;
        return new Decision(state.With(caller with { State = ParticipantState.Connecting }), [new CheckCall(caller.CallSid)]);
    }
}
