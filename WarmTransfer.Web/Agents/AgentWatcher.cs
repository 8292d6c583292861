using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Routing;

namespace WarmTransfer.Web.Agents;

/// <summary>One browser session's observer of its agent and of the roster: turns grain notifications into SSE items.</summary>
public sealed class AgentWatcher(ChannelWriter<SseItem<string>> events, JsonSerializerOptions json) : IAgentObserver, IRosterObserver
{
    public const string AgentEvent = "agent";
    public const string NoticeEvent = "notice";
    public const string RosterEvent = "roster";

    public Task OnAgentChanged(AgentView agent, ConferenceView? conference) => Write(AgentEvent, new AgentSnapshot(agent, conference));

    public Task OnNotice(AgentNotice notice) => Write(NoticeEvent, notice);

    public Task OnRosterChanged(RosterEntry entry) => Write(RosterEvent, new[] { entry });

    public Task Write<T>(string eventType, T payload)
    {
        events.TryWrite(new SseItem<string>(JsonSerializer.Serialize(payload, json), eventType));
        return Task.CompletedTask;
    }
}
