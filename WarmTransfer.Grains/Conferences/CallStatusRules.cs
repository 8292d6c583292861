using static WarmTransfer.Grains.Conferences.ConferenceEffect;

namespace WarmTransfer.Grains.Conferences;

/// <summary>Call statuses (callbacks, or what the REST API says): a leg's status only moves forward, and a final one ends the leg.</summary>
public static class CallStatusRules
{
    public static bool IsFinal(CallStatus status) => status >= CallStatus.Completed;

    /// <summary>Queued &lt; initiated &lt; ringing &lt; in-progress &lt; any final status.</summary>
    public static int Rank(CallStatus status) => IsFinal(status) ? (int)CallStatus.Completed : (int)status;

    public static Decision Apply(ConferenceState state, CallStatusReport report, DateTimeOffset now)
    {
        var leg = state.Leg(report.CallSid);
        if (leg is null)
        {
            return Unknown(state, report);
        }

        if (IsFinal(report.Status) && !leg.CallOver)
        {
            leg = leg with { CallOver = true };
            state = state.With(leg);
        }

        if (!leg.IsLive)
        {
            // A leg we ended that Twilio says is still talking: our hang-up was lost or refused, so ask again.
            return !leg.CallOver && report.Status == CallStatus.InProgress
                ? new Decision(state, [new HangUpLeg(leg.CallSid)])
                : Decision.Unchanged(state);
        }

        if (leg.Role == ParticipantRole.Caller)
        {
            return IsFinal(report.Status) ? ConferenceMoves.CallerGone(state, now) : Decision.Unchanged(state);
        }

        if (Rank(report.Status) <= Rank(leg.LastCallStatus))
        {
            return Decision.Unchanged(state);
        }

        var progressed = leg with
        {
            LastCallStatus = report.Status,
            State = report.Status switch
            {
                CallStatus.Ringing when leg.State < ParticipantState.Ringing => ParticipantState.Ringing,
                CallStatus.InProgress when leg.State < ParticipantState.Connecting => ParticipantState.Connecting,
                _ => leg.State,
            },
        };
        return IsFinal(report.Status)
            ? ConferenceMoves.AgentLegGone(state.With(progressed), progressed, report.Status, now)
            : Decision.Unchanged(state.With(progressed));
    }

    /// <summary>
    /// A leg of this conference we never recorded: a call Twilio placed although its REST answer never reached us
    /// (we then treated the dial as failed). It has no part in the call, so it is hung up rather than left ringing a browser.
    /// </summary>
    private static Decision Unknown(ConferenceState state, CallStatusReport report) =>
        state.Phase != ConferencePhase.None && !IsFinal(report.Status) && report.CallSid != state.CallerCallSid
            ? new Decision(state, [new HangUpLeg(report.CallSid)])
            : Decision.Unchanged(state);
}
