using static WarmTransfer.Grains.Conferences.ConferenceEffect;

namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// What Twilio's REST API shows, fed back as the truth: the answer to a participant update, and the participant list read
/// when callbacks may have been lost. Changes we want and Twilio does not show are asked for again.
/// </summary>
public static class ReconciliationRules
{
    public static Decision Observed(ConferenceState state, ParticipantSnapshot snapshot) =>
        state.Leg(snapshot.CallSid) is { } leg
            ? TransferRules.Advance(state.With(leg.Observed(snapshot.Hold, snapshot.EndConferenceOnExit)))
            : Decision.Unchanged(state);

    public static Decision Listed(ConferenceState state, string conferenceSid, IReadOnlyList<ParticipantSnapshot> participants, DateTimeOffset now)
    {
        if (state.Phase is ConferencePhase.None or ConferencePhase.Ended || state.PastConferenceSids.Contains(conferenceSid)
            || (state.ConferenceSid is { } known && known != conferenceSid))
        {
            return Decision.Unchanged(state);
        }

        var decision = Decision.Unchanged(state with { ConferenceSid = conferenceSid });
        var present = participants.ToDictionary(p => p.CallSid);
        foreach (var callSid in state.Participants.Select(p => p.CallSid))
        {
            decision = decision.Then(s => Reconcile(s, s.Leg(callSid)!, present.GetValueOrDefault(callSid), now));
        }

        return decision.Then(AskAgainForPendingChanges).Then(TransferRules.Advance);
    }

    private static Decision Reconcile(ConferenceState state, Participant leg, ParticipantSnapshot? snapshot, DateTimeOffset now)
    {
        if (snapshot is null)
        {
            // Gone from the conference without a word: Twilio's call status says whether the call is over.
            return leg.State == ParticipantState.Joined || (!leg.IsLive && !leg.CallOver)
                ? new Decision(state, [new CheckCall(leg.CallSid)])
                : Decision.Unchanged(state);
        }

        var observed = leg.Observed(snapshot.Hold, snapshot.EndConferenceOnExit);
        if (!leg.IsLive)
        {
            return leg.CallOver ? Decision.Unchanged(state) : new Decision(state.With(observed), [new HangUpLeg(leg.CallSid)]);
        }

        return leg.State < ParticipantState.Joined
            ? ConferenceEventRules.Joined(state, observed, now)
            : Decision.Unchanged(state.With(observed));
    }

    private static Decision AskAgainForPendingChanges(ConferenceState state)
    {
        var effects = new List<ConferenceEffect>();
        if (state.Caller is { State: ParticipantState.Joined } caller && caller.OnHold != state.CallerHoldRequested)
        {
            effects.Add(new SetHold(caller.CallSid, state.CallerHoldRequested));
        }

        effects.AddRange(state.Participants.Where(p => p.IsLive && p.EndConferenceOnExitPending)
            .Select(p => new SetEndConferenceOnExit(p.CallSid, p.EndConferenceOnExit)));
        return new Decision(state, [.. effects]);
    }
}
