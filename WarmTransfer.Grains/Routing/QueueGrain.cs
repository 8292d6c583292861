using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;

namespace WarmTransfer.Grains.Routing;

/// <summary>
/// Routes callers to agents. Never awaits a conference or an agent (it tells waiting conferences one-way), so grain
/// calls only flow conference → agent → queue and cannot deadlock.
/// </summary>
public sealed class QueueGrain(
    [PersistentState("queue", StorageNames.Calls)] IPersistentState<QueueState> state,
    TimeProvider time,
    ILogger<QueueGrain> log) : Grain, IQueueGrain
{
    /// <summary>How long an agent handed out is kept from others while the taker reserves it at the agent grain.</summary>
    private static readonly TimeSpan HandOutHold = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, DateTimeOffset> _handedOutUntil = [];
    private readonly ObserverManager<IRosterObserver> _observers = new(TimeSpan.FromMinutes(2), log);

    public Task<QueueView> GetAsync() => Task.FromResult(new QueueView(
        [.. state.State.Agents.Values.OrderBy(a => a.AgentId, StringComparer.Ordinal)],
        [.. state.State.Line.Select(c => c.ConferenceId)]));

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
        await SaveAsync(state.State.Enlisted(conferenceId, waitingSince));
        if (state.State.Line[0].ConferenceId != conferenceId)
        {
            await OfferToHeadOfLineAsync();
            return null;
        }

        return HandOut(LongestIdle([]));
    }

    public Task<string?> TakeAnyAgentAsync(IReadOnlyCollection<string> excluded) => Task.FromResult(HandOut(LongestIdle(excluded)));

    public async Task WithdrawAsync(string conferenceId)
    {
        await SaveAsync(state.State.Withdrawn(conferenceId));
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
        }

        return agentId;
    }

    /// <summary>One-way, so a conference that calls back into the queue never waits on us.</summary>
    private Task OfferToHeadOfLineAsync() =>
        state.State.Line.Count > 0 && LongestIdle([]) is not null
            ? GrainFactory.GetGrain<IConferenceGrain>(state.State.Line[0].ConferenceId).AgentMayBeAvailableAsync()
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
