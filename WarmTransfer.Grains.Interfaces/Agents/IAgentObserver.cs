using WarmTransfer.Grains.Conferences;

namespace WarmTransfer.Grains.Agents;

/// <summary>A browser session watching one agent.</summary>
[Alias("IAgentObserver")]
public interface IAgentObserver : IGrainObserver
{
    /// <summary>The agent's presence or current conference changed.</summary>
    [OneWay, Alias("OnAgentChanged")]
    Task OnAgentChanged(AgentView agent, ConferenceView? conference);

    /// <summary>Something the agent should be told about.</summary>
    [OneWay, Alias("OnNotice")]
    Task OnNotice(AgentNotice notice);
}
