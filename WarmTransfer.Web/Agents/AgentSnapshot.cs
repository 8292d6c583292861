using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;

namespace WarmTransfer.Web.Agents;

/// <summary>Everything the console shows about its agent: presence and the current call.</summary>
public sealed record AgentSnapshot(AgentView Agent, ConferenceView? Conference);
