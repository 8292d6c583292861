namespace WarmTransfer.Grains.Agents;

/// <summary>What an agent is doing, as the console and the router see it.</summary>
[GenerateSerializer, Alias("AgentPresence")]
public enum AgentPresence
{
    Offline = 0,
    Available = 1,
    Away = 2,
    Ringing = 3,
    OnCall = 4,
}
