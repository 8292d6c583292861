using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Utilities;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Hosting;

namespace WarmTransfer.Grains.Routing;

/// <summary>
/// Routes callers to agents. Never awaits a conference or an agent (it tells waiting conferences one-way), so grain
/// calls only flow conference → agent → queue and cannot deadlock. Waiting callers do not poll: the queue tells the caller
/// at the head of the line whenever an agent may be free. The line lives in memory, ordered (<see cref="WaitingLine"/>),
/// and in storage one bucket per change (<see cref="LineBuckets"/>), so a change costs O(log n) plus one small write.
/// </summary>
public sealed class QueueGrain(
    [PersistentState("queue", StorageNames.Calls)] IPersistentState<QueueState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    ILogger<QueueGrain> log) : Grain, IQueueGrain
{
    /// <summary>How long an agent handed out is kept from others while the taker reserves it at the agent grain.</summary>
    private static readonly TimeSpan HandOutHold = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, DateTimeOffset> _handedOutUntil = [];
    private readonly ObserverManager<IRosterObserver> _observers = new(TimeSpan.FromMinutes(2), log);
    private readonly WaitingLine _line = new();
    private LineBuckets _buckets = null!;
    private IGrainTimer? _reoffer;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _buckets = new LineBuckets(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Calls), this.GetGrainId());
        foreach (var caller in await _buckets.ReadAllAsync())
        {
            _line.Restore(caller);
        }

        foreach (var caller in state.State.Line)
        {
            await EnlistAsync(caller.ConferenceId, caller.WaitingSince);
        }

        if (!state.State.Line.IsEmpty)
        {
            await SaveAsync(state.State with { Line = [] });
        }

        await OfferToHeadOfLineAsync();
    }

    public Task<QueueView> GetAsync() => Task.FromResult(new QueueView(
        [.. state.State.Agents.Values.OrderBy(a => a.AgentId, StringComparer.Ordinal)],
        [.. _line.InOrder.Select(c => c.ConferenceId)]));

    public async Task AgentPresenceChangedAsync(string agentId, AgentPresence presence, DateTimeOffset since)
    {
        _handedOutUntil.Remove(agentId);
        var entry = new RosterEntry(agentId, presence, since);
        if (state.State.Agents.TryGetValue(agentId, out var known) && (known == entry || known.Since > since))
        {
            return;
        }

        await SaveAsync(state.State with { Agents = state.State.Agents.SetItem(agentId, entry) });
        await _observers.Notify(o => o.OnRosterChanged(entry));
        await OfferToHeadOfLineAsync();
    }

    public async Task<string?> RequestAgentAsync(string conferenceId, DateTimeOffset waitingSince)
    {
        await EnlistAsync(conferenceId, waitingSince);
        if (_line.Head!.ConferenceId != conferenceId)
        {
            await OfferToHeadOfLineAsync();
            return null;
        }

        return HandOut(LongestIdle([]));
    }

    public Task<string?> TakeAnyAgentAsync(IReadOnlyCollection<string> excluded) => Task.FromResult(HandOut(LongestIdle(excluded)));

    public async Task WithdrawAsync(string conferenceId)
    {
        if (_line.Withdraw(conferenceId) is not null)
        {
            await _buckets.RemoveAsync(conferenceId);
        }

        await OfferToHeadOfLineAsync();
    }

    public Task SubscribeAsync(IRosterObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IRosterObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private string? LongestIdle(IReadOnlyCollection<string> excluded)
    {
        var now = time.GetUtcNow();
        return state.State.Agents.Values
            .Where(a => a.Presence == AgentPresence.Available && !excluded.Contains(a.AgentId))
            .Where(a => !_handedOutUntil.TryGetValue(a.AgentId, out var until) || until <= now)
            .OrderBy(a => a.Since)
            .ThenBy(a => a.AgentId, StringComparer.Ordinal)
            .Select(a => a.AgentId)
            .FirstOrDefault();
    }

    private string? HandOut(string? agentId)
    {
        if (agentId is not null)
        {
            _handedOutUntil[agentId] = time.GetUtcNow() + HandOutHold;
            // If the taker never reserves the agent (it failed, or went away), the agent is offered again once the hold lapses.
            _reoffer ??= this.RegisterGrainTimer(static grain => grain.ReofferAsync(), this, HandOutHold, Timeout.InfiniteTimeSpan);
        }

        return agentId;
    }

    private Task ReofferAsync()
    {
        _reoffer?.Dispose();
        _reoffer = null;
        return OfferToHeadOfLineAsync();
    }

    private async Task EnlistAsync(string conferenceId, DateTimeOffset waitingSince)
    {
        if (_line.Enlist(conferenceId, waitingSince) is { } added)
        {
            try
            {
                await _buckets.AddAsync(added);
            }
            catch
            {
                _line.Withdraw(conferenceId);
                throw;
            }
        }
    }

    /// <summary>One-way, so a conference that calls back into the queue never waits on us.</summary>
    private Task OfferToHeadOfLineAsync() =>
        _line.Head is { } head && LongestIdle([]) is not null
            ? GrainFactory.Reference<IConferenceGrain>(head.ConferenceId).AgentMayBeAvailableAsync()
            : Task.CompletedTask;

    private async Task SaveAsync(QueueState next)
    {
        if (next == state.State)
        {
            return;
        }

        state.State = next;
        await state.WriteStateAsync();
    }
}
