namespace WarmTransfer.Grains.Agents;

/// <summary>How an agent's part in a conference ended, which decides the presence it returns to.</summary>
[GenerateSerializer, Alias("AgentCallOutcome")]
public enum AgentCallOutcome
{
    /// <summary>The call or consult ended normally: back to what the agent chose.</summary>
    Finished = 0,

    /// <summary>A queue offer rang out, was rejected or could not reach the agent: the agent goes away until they choose otherwise.</summary>
    Missed = 1,
}
