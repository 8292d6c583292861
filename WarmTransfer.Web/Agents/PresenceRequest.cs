using WarmTransfer.Grains.Agents;

namespace WarmTransfer.Web.Agents;

public sealed record PresenceRequest(AgentPresence Presence);
