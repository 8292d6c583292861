namespace WarmTransfer.Grains.Telemetry;

/// <summary>How the queue answered a caller's request for an agent.</summary>
public enum AgentRequestOutcome
{
    HandedOut,
    /// <summary>Callers ahead are served first, or no agent is free.</summary>
    NotServed,
    /// <summary>Every agent free was already handed to this caller within the hold.</summary>
    NoneLeft,
}
