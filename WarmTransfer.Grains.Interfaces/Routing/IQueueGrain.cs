using WarmTransfer.Grains.Agents;

namespace WarmTransfer.Grains.Routing;

/// <summary>
/// Routes callers to agents: keeps every agent's presence and the callers waiting, oldest first.
/// The agent grain stays the authority on an agent: whoever gets an agent from here still reserves it there.
/// </summary>
[Alias("IQueueGrain")]
public interface IQueueGrain : IGrainWithStringKey
{
    [Alias("GetAsync")]
    Task<QueueView> GetAsync();

    /// <summary>An agent's presence changed. An agent becoming available is offered to the oldest waiting caller.</summary>
    [Alias("AgentPresenceChangedAsync")]
    Task AgentPresenceChangedAsync(string agentId, AgentPresence presence, DateTimeOffset since);

    /// <summary>
    /// A caller needs an agent. The caller is put in line by the time it has waited since (so a caller whose offer
    /// failed keeps its place). The callers at the front of the line, one for each agent free, get the longest-idle
    /// available agent (those handed an agent and still reserving it are passed over); everyone else gets null and is
    /// told when an agent may be free. A caller stays in line until it withdraws.
    /// </summary>
    [Alias("RequestAgentAsync")]
    Task<string?> RequestAgentAsync(string conferenceId, DateTimeOffset waitingSince);

    /// <summary>
    /// The caller could reserve none of the agents handed to it and waits in its place again; until it says so (or
    /// the hand-out hold lapses) the queue counts it as taking an agent and serves those behind it.
    /// </summary>
    [Alias("NoAgentTakenAsync")]
    Task NoAgentTakenAsync(string conferenceId);

    /// <summary>A transfer needs any available agent other than those excluded; never waits in line.</summary>
    [Alias("TakeAnyAgentAsync")]
    Task<string?> TakeAnyAgentAsync(IReadOnlyCollection<string> excluded);

    /// <summary>The caller no longer waits (an agent is ringing, or the caller hung up).</summary>
    [Alias("WithdrawAsync")]
    Task WithdrawAsync(string conferenceId);

    [Alias("SubscribeAsync")]
    Task SubscribeAsync(IRosterObserver observer);

    [Alias("UnsubscribeAsync")]
    Task UnsubscribeAsync(IRosterObserver observer);
}
