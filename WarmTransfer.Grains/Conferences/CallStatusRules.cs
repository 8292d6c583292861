namespace WarmTransfer.Grains.Conferences;

/// <summary>Call status callbacks: a leg's status only moves forward, and a final one ends the leg.</summary>
public static class CallStatusRules
{
    public static bool IsFinal(CallStatus status) => status >= CallStatus.Completed;

    /// <summary>Queued &lt; initiated &lt; ringing &lt; in-progress &lt; any final status.</summary>
    public static int Rank(CallStatus status) => IsFinal(status) ? (int)CallStatus.Completed : (int)status;

    public static Decision Apply(ConferenceState state, CallStatusReport report, DateTimeOffset now)
    {
        var leg = state.Leg(report.CallSid);
        if (leg is null || !leg.IsLive)
        {
            return Decision.Unchanged(state);
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
}
