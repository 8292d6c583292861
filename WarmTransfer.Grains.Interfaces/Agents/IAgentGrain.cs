using WarmTransfer.Grains.Conferences;

namespace WarmTransfer.Grains.Agents;

/// <summary>One agent, keyed by its Twilio client identity: presence and the conference it is in now.</summary>
[Alias("IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>The agent's presence and current conference.</summary>
    [Alias("GetAsync")]
    Task<AgentView> GetAsync();

    /// <summary>The agent's console connected: an offline agent becomes available; any other presence is kept.</summary>
    [Alias("ConnectAsync")]
    Task<AgentView> ConnectAsync();

    /// <summary>The agent chooses available, away or offline. While on a call the choice applies when the call ends.</summary>
    [Alias("ChoosePresenceAsync")]
    Task<AgentView> ChoosePresenceAsync(AgentPresence presence);

    /// <summary>Reserves the agent for a conference that is about to ring them; false when the agent is not available.</summary>
    [Alias("TryReserveAsync")]
    Task<bool> TryReserveAsync(string conferenceId);

    /// <summary>The agent's leg joined the conference.</summary>
    [Alias("JoinedAsync")]
    Task JoinedAsync(string conferenceId);

    /// <summary>The agent's part in the conference ended; ignored when the agent has moved on to another conference.</summary>
    [Alias("ReleaseAsync")]
    Task ReleaseAsync(string conferenceId, AgentCallOutcome outcome);

    /// <summary>The agent's conference changed: pushed to the agent's observers. One-way: a view older than one already told is dropped.</summary>
    [OneWay, Alias("ConferenceChangedAsync")]
    Task ConferenceChangedAsync(ConferenceView conference);

    /// <summary>Tells the agent's observers something they should know.</summary>
    [Alias("NotifyAsync")]
    Task NotifyAsync(AgentNotice notice);

    /// <summary>Subscribes or renews a browser session; subscriptions expire unless renewed.</summary>
    [Alias("SubscribeAsync")]
    Task SubscribeAsync(IAgentObserver observer);

    [Alias("UnsubscribeAsync")]
    Task UnsubscribeAsync(IAgentObserver observer);
}
