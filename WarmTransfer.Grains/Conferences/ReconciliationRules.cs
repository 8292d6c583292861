using static WarmTransfer.Grains.Conferences.ConferenceEffect;

namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// What Twilio's REST API shows, fed back as the truth: the answer to a participant update, and the participant list read
/// when callbacks may have been lost. Changes we want and Twilio does not show are asked for again.
/// </summary>
public static class ReconciliationRules
{
    /// <summary>Twilio's answer to our update. A transferer's flag confirmed off may let a held caller's pending hold go ahead.</summary>
    public static Decision Observed(ConferenceState state, ParticipantSnapshot snapshot)
    {
        if (state.Leg(snapshot.CallSid) is not { } leg)
        {
            return Decision.Unchanged(state);
        }

        var decision = TransferRules.Advance(state.With(leg.Observed(snapshot.Hold, snapshot.EndConferenceOnExit)));
        return decision.Effects.IsEmpty && leg.AgentId is not null && decision.State.Transfer?.TransfererId == leg.AgentId && decision.State.CallerCallSid is { } caller
            ? decision.Then(s => AskAgainForPendingChanges(s, caller))
            : decision;
    }

    public static Decision Listed(ConferenceState state, string conferenceSid, IReadOnlyList<ParticipantSnapshot> participants, DateTimeOffset now)
    {
        if (state.Phase is ConferencePhase.None or ConferencePhase.Ended || !state.IsAbout(conferenceSid))
        {
            return Decision.Unchanged(state);
        }

        var decision = Decision.Unchanged(state with { ConferenceSid = conferenceSid });
        var present = participants.ToDictionary(p => p.CallSid);
        foreach (var callSid in state.Participants.Select(p => p.CallSid))
        {
            decision = decision.Then(s => Reconcile(s, s.Leg(callSid)!, present.GetValueOrDefault(callSid), now));
        }

        return decision.Then(s => AskAgainForPendingChanges(s)).Then(TransferRules.Advance);
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

    /// <summary>
    /// Asks Twilio again for each change we want that it does not show (on the given leg, or on every leg). Fed by callbacks
    /// and reads only, never by the answer to our own update, so a Twilio that ignores a change cannot make this loop.
    /// </summary>
    public static Decision AskAgainForPendingChanges(ConferenceState state, string? callSid = null)
    {
        var legs = state.Participants.Where(p => p.IsLive && p.State == ParticipantState.Joined && (callSid is null || p.CallSid == callSid)).ToList();
        var effects = legs.Where(p => p.EndConferenceOnExitPending)
            .Select(ConferenceEffect (p) => new SetEndConferenceOnExit(p.CallSid, p.EndConferenceOnExit))
            .ToList();
        if (legs.Find(p => p.Role == ParticipantRole.Caller) is { } caller && caller.OnHold != state.CallerHoldRequested
            && (!state.CallerHoldRequested || TransfererCannotEndTheCall(state)))
        {
            effects.Add(new SetHold(caller.CallSid, state.CallerHoldRequested));
        }

        return new Decision(state, [.. effects]);
    }

    /// <summary>A caller may be held for a transfer only while Twilio shows the transferer no longer ending the conference.</summary>
    private static bool TransfererCannotEndTheCall(ConferenceState state) =>
        state.Transfer is not { TransfererGone: false } transfer || state.LiveLegOf(transfer.TransfererId) is not { } transferer || transferer.TwilioEndConferenceOnExit == false;
}
