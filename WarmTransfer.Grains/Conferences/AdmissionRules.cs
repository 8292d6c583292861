namespace WarmTransfer.Grains.Conferences;

/// <summary>How callers and answering agents get into the conference.</summary>
public static class AdmissionRules
{
    public const string CallOverMessage = "Sorry, this call has already ended. Goodbye.";
    public const string CallerGoneMessage = "The caller has already hung up.";
    public const string LegCancelledMessage = "This call is no longer waiting for you.";

    public static Decision Admit(ConferenceState state, IncomingCall call, DateTimeOffset now)
    {
        if (state.Phase != ConferencePhase.None)
        {
            return Decision.Unchanged(state);
        }

        var caller = new Participant(call.CallSid, ParticipantRole.Caller, null, ParticipantState.Connecting,
            OnHold: false, EndConferenceOnExit: true, CallStatus.InProgress, LastSequenceNumber: 0);
        var queued = state with
        {
            Phase = ConferencePhase.Queued,
            CallerCallSid = call.CallSid,
            CallerNumber = call.From,
            StartedAt = now,
        };
        return new Decision(queued.With(caller), [new ConferenceEffect.AcquireAgent()]);
    }

    public static CallerAdmission AdmissionFor(ConferenceState state, string conferenceId) =>
        state.Phase == ConferencePhase.Ended
            ? new CallerAdmission(false, conferenceId, CallOverMessage)
            : new CallerAdmission(true, conferenceId, null);

    /// <summary>
    /// The caller's &lt;Dial&gt; ended and Twilio went on to our TwiML after it. While nobody has talked to them yet, that was a
    /// fault (Twilio could not fetch the wait URL, and the conference was never established): they go back in, and the
    /// conference they left is forgotten. Once an agent has had them, the conference ended on purpose and so does the call.
    /// </summary>
    public static Decision Returned(ConferenceState state)
    {
        if (state.Phase is not (ConferencePhase.Queued or ConferencePhase.Offering) || state.Caller is not { IsLive: true } caller)
        {
            return Decision.Unchanged(state);
        }

        var past = state.ConferenceSid is { } left ? state.PastConferenceSids.Add(left) : state.PastConferenceSids;
        var returned = state with
        {
            ConferenceSid = null,
            PastConferenceSids = past,
            // Assumption: SequenceNumber counts per conference (documented only as the order of that conference's events), so a new one starts again.
            Participants = [.. state.Participants.Select(p => p with { LastSequenceNumber = 0 })],
        };
        return Decision.Unchanged(returned.With(caller with { State = ParticipantState.Connecting, LastSequenceNumber = 0 }));
    }

    public static CallerAdmission ReturnFor(ConferenceState state, string conferenceId) =>
        state.Phase is ConferencePhase.Queued or ConferencePhase.Offering && state.Caller is { IsLive: true }
            ? new CallerAdmission(true, conferenceId, null)
            : new CallerAdmission(false, conferenceId, null);

    /// <summary>An agent's leg answered. The leg ends the conference on exit when it holds the call alone: the handling agent, or a target whose transferer already left.</summary>
    public static Decision AgentAnswered(ConferenceState state, string agentId, string callSid)
    {
        var leg = state.Leg(callSid);
        if (leg is null || leg.AgentId != agentId || !leg.IsLive || state.Phase == ConferencePhase.Ended)
        {
            return Decision.Unchanged(state);
        }

        var endsConference = leg.Role == ParticipantRole.HandlingAgent
            || (leg.Role == ParticipantRole.TransferTarget && state.Transfer is { TransfererGone: true } transfer && transfer.TargetCallSid == callSid);
        if (leg.State >= ParticipantState.Joined)
        {
            return Decision.Unchanged(state);
        }

        return Decision.Unchanged(state.With(leg with { State = ParticipantState.Connecting, EndConferenceOnExit = endsConference }));
    }

    public static AgentConnection ConnectionFor(ConferenceState state, string conferenceId, string agentId, string callSid)
    {
        var leg = state.Leg(callSid);
        if (state.Phase == ConferencePhase.Ended)
        {
            return new AgentConnection(false, conferenceId, false, CallerGoneMessage);
        }

        if (leg is null || leg.AgentId != agentId || !leg.IsLive)
        {
            return new AgentConnection(false, conferenceId, false, LegCancelledMessage);
        }

        return new AgentConnection(true, conferenceId, leg.EndConferenceOnExit, null);
    }
}
