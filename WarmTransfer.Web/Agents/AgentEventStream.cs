using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Routing;

namespace WarmTransfer.Web.Agents;

/// <summary>
/// Live updates for one agent's console: a snapshot first, then whatever the agent and queue grains push.
/// Subscriptions expire in the grains unless renewed, so a browser that vanishes is forgotten. Streams end when the
/// host stops, so a restart is not held up by open consoles (which reconnect by themselves).
/// </summary>
public sealed class AgentEventStream(IGrainFactory grains, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime, ILogger<AgentEventStream> log)
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    public async IAsyncEnumerable<SseItem<string>> FollowAsync(string agentId, [EnumeratorCancellation] CancellationToken requestAborted)
    {
        using var open = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        var cancellationToken = open.Token;
        var channel = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(512) { FullMode = BoundedChannelFullMode.DropOldest });
        var watcher = new AgentWatcher(channel.Writer, json.Value.SerializerOptions);
        var agentObserver = grains.CreateObjectReference<IAgentObserver>(watcher);
        var rosterObserver = grains.CreateObjectReference<IRosterObserver>(watcher);
        var agent = grains.GetGrain<IAgentGrain>(agentId);
        var queue = grains.GetGrain<IQueueGrain>(QueueNames.Support);
        using var renewals = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await agent.SubscribeAsync(agentObserver);
            await queue.SubscribeAsync(rosterObserver);
            await watcher.Write(AgentWatcher.AgentEvent, await SnapshotAsync(grains, agentId));
            await watcher.Write(AgentWatcher.RosterEvent, (await queue.GetAsync()).Agents);
            _ = RenewAsync(agent, agentObserver, queue, rosterObserver, channel.Writer, renewals.Token);

            while (!cancellationToken.IsCancellationRequested)
            {
                SseItem<string> item;
                try
                {
                    item = await channel.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(Heartbeat, cancellationToken);
                }
                catch (TimeoutException)
                {
                    item = new SseItem<string>("{}", "ping");
                }
                catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
                {
                    yield break;
                }

                yield return item;
            }
        }
        finally
        {
            await renewals.CancelAsync();
            await ForgetAsync(agent, agentObserver, queue, rosterObserver);
        }
    }

    /// <summary>Retried: a call at rest lets its activation go, and a read that arrives as it goes is forwarded to the next one, which may go too.</summary>
    public static async Task<AgentSnapshot> SnapshotAsync(IGrainFactory grains, string agentId)
    {
        var agent = await GrainCalls.WithRetryAsync(() => grains.GetGrain<IAgentGrain>(agentId).GetAsync());
        var conference = agent.CurrentConferenceId is { } conferenceId
            ? await GrainCalls.WithRetryAsync(() => grains.GetGrain<IConferenceGrain>(conferenceId).GetAsync())
            : null;
        return new AgentSnapshot(agent, conference);
    }

    private async Task RenewAsync(IAgentGrain agent, IAgentObserver agentObserver, IQueueGrain queue, IRosterObserver rosterObserver,
        ChannelWriter<SseItem<string>> writer, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Renewal);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await agent.SubscribeAsync(agentObserver);
                await queue.SubscribeAsync(rosterObserver);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            // The browser reconnects (EventSource does so by itself) and subscribes afresh.
            log.LogWarning(ex, "Could not renew live updates for agent {AgentId}; closing the stream", agent.GetPrimaryKeyString());
            writer.TryComplete();
        }
    }

    private async Task ForgetAsync(IAgentGrain agent, IAgentObserver agentObserver, IQueueGrain queue, IRosterObserver rosterObserver)
    {
        try
        {
            await agent.UnsubscribeAsync(agentObserver);
            await queue.UnsubscribeAsync(rosterObserver);
        }
        catch (Exception ex)
        {
            log.LogDebug(ex, "Unsubscribing a closed stream failed; the subscription expires by itself");
        }
        finally
        {
            grains.DeleteObjectReference<IAgentObserver>(agentObserver);
            grains.DeleteObjectReference<IRosterObserver>(rosterObserver);
        }
    }
}
