namespace WarmTransfer.Grains.Conferences;

/// <summary>The few moments of a call worth one Information line each; every other transition is logged at Debug.</summary>
public enum CallMilestone
{
    Arrived,
    Answered,
    Transferred,
    Ended,
}

public static class CallMilestones
{
    public static CallMilestone? Between(ConferenceState before, ConferenceState after) =>
        after.Phase == ConferencePhase.Ended && before.Phase != ConferencePhase.Ended ? CallMilestone.Ended
        : before.Phase == ConferencePhase.None && after.Phase != ConferencePhase.None ? CallMilestone.Arrived
        : before.ConnectedAt is null && after.ConnectedAt is not null ? CallMilestone.Answered
        : before.HandlingAgentId is not null && after.HandlingAgentId is not null && before.HandlingAgentId != after.HandlingAgentId ? CallMilestone.Transferred
        : null;
}
