namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// What must hold of a conference's state after every step, written down once: the rules tests, the fuzzer and the
/// scenario tests check them, and the grain logs an error if one ever breaks in production.
/// </summary>
public static class ConferenceInvariants
{
    public static IReadOnlyList<string> Broken(ConferenceState state)
    {
        var broken = new List<string>();
        void Check(bool holds, string invariant)
        {
            if (!holds)
            {
                broken.Add(invariant);
            }
        }

        var transfer = state.Transfer;
        var inTransfer = state.Phase is ConferencePhase.Transferring or ConferencePhase.Consulting or ConferencePhase.ThreeWay;
        var liveAgentLegs = state.Participants.Where(p => p.IsLive && p.AgentId is not null).ToList();

        Check(state.Phase != ConferencePhase.None || state.Participants.IsEmpty, "a conference no caller reached has no legs");
        Check(inTransfer == transfer is not null, "a transfer exists exactly while the phase is transferring, consulting or three-way");
        Check(state.Phase != ConferencePhase.Ended || (liveAgentLegs.Count == 0 && state.Caller is not { IsLive: true }), "an ended call has no leg up");
        Check(state.Phase != ConferencePhase.Ended || !state.CallerHoldRequested, "an ended call holds nobody");
        Check(liveAgentLegs.GroupBy(p => p.AgentId).All(g => g.Count() == 1), "an agent has at most one leg up in a call");
        Check(state.Phase is not (ConferencePhase.Queued or ConferencePhase.None) || liveAgentLegs.Count == 0, "a queued caller has no agent leg up");
        Check(state.Phase != ConferencePhase.Connected || (state.HandlingAgentId is { } handler && state.LiveLegOf(handler) is { State: ParticipantState.Joined }),
            "a connected caller talks to a handling agent who has joined");
        Check(state.Phase != ConferencePhase.Offering || liveAgentLegs.Count(p => p.Role == ParticipantRole.HandlingAgent) <= 1, "a caller is offered to one agent at a time");
        Check(state.Phase is not (ConferencePhase.Consulting or ConferencePhase.ThreeWay) || state.TargetLeg is { IsLive: true, State: ParticipantState.Joined },
            "consulting and three-way have a joined target");
        Check(state.Phase != ConferencePhase.Consulting || state.CallerHoldRequested, "the caller is on hold while transferer and target consult");
        Check(state.Phase != ConferencePhase.ThreeWay || !state.CallerHoldRequested, "the caller is not on hold in a three-way");
        Check(transfer is not { TransfererGone: true } || (state.Phase == ConferencePhase.Transferring && state.CallerHoldRequested),
            "a caller whose transferer left waits on hold music for the target");
        Check(transfer is not { TargetDialled: true, TransfererGone: false } || state.Phase != ConferencePhase.Transferring || state.CallerHoldRequested,
            "the caller is on hold while the target rings");
        // Twilio ends the conference when a leg with endConferenceOnExit leaves: while the caller is held for a target,
        // the transferer leaving must not end the call. (That the hold waits for Twilio's confirmation is a property of
        // the steps, checked where the hold is asked for.)
        Check(!(state.CallerHoldRequested && transfer is { TransfererGone: false } t && state.LiveLegOf(t.TransfererId) is { EndConferenceOnExit: true }),
            "while the caller is held for a transfer, the transferer is not meant to end the conference");
        Check(!state.CallerReturning || (state.Phase == ConferencePhase.Connected && state.CallerHoldRequested),
            "a caller given back to the transferer waits on hold until Twilio confirms the transferer");
        Check(state.Participants.All(p => p.ReleaseWhenOver is null || !p.CallOver || state.Participants.Any(o => o.AgentId == p.AgentId && !o.CallOver)),
            "an agent whose legs are all over is released");
        Check(state.Participants.All(p => !p.CallOver || !p.IsLive), "a leg Twilio reported over is out of the call");
        return broken;
    }
}
