using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Utilities;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Telemetry;

namespace WarmTransfer.Grains.Routing;

/// <summary>
/// Routes callers to agents. Never awaits a conference or an agent (it tells waiting conferences one-way), so grain
/// calls only flow conference → agent → queue and cannot deadlock. Waiting callers do not poll: the queue tells the callers
/// at the front of the line, one for each agent free, that an agent may be free; a caller reserving the agent handed to it
/// does not hold up those behind it (<see cref="LineTurns"/>). The line lives in memory, ordered (<see cref="WaitingLine"/>),
/// and in storage in pages by arrival (<see cref="LinePages"/>), so a change costs O(log n) plus one write of at most
/// <see cref="LinePages.PageSize"/> callers, however long the line; the roster in hashed records (<see cref="Roster"/>,
/// <see cref="HashedRecords{TRecord}"/>).
/// Reentrant so that callers joining while a write is under way are stored together in the next one (one queue takes
/// callers as fast as its storage takes rounds of writes, not single writes): every change is made in memory before its
/// write is awaited and undone if the write fails, and the records never have two writes in flight, so writes cannot race.
/// </summary>
[Reentrant]
public sealed class QueueGrain(
    [PersistentState("queue", StorageNames.Calls)] IPersistentState<QueueState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    ILogger<QueueGrain> log,
    WarmTransferMetrics metrics) : Grain, IQueueGrain
{
    /// <summary>How long an agent handed out is kept from others while the taker reserves it at the agent grain.</summary>
    private static readonly TimeSpan HandOutHold = TimeSpan.FromSeconds(10);

    private readonly Holds _handedOut = new(HandOutHold);
    private readonly LineTurns _turns = new(HandOutHold);
    private readonly RecentHandOuts _recent = new(HandOutHold);
    private readonly ObserverManager<IRosterObserver> _observers = new(TimeSpan.FromMinutes(2), log);
    /// <summary>The roster is stored in this many records (an agent's change rewrites one, about agents / count entries).</summary>
    private const int RosterRecordCount = 256;

    /// <summary>How many callers may be told at once that an agent may be free (bounds the walk from the head of the line).</summary>
    private const int MostServedAtOnce = 32;

    private readonly WaitingLine _line = new();
    private readonly Roster _roster = new();
    private LinePages _pages = null!;
    private HashedRecords<RosterBucket> _rosterRecords = null!;
    private IGrainTimer? _reoffer;
    private string? _queueName;

    private string QueueName => _queueName ??= this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Calls);
        _pages = new LinePages(storage, this.GetGrainId());
        _rosterRecords = new HashedRecords<RosterBucket>(storage, this.GetGrainId(), "queue-roster-", RosterRecordCount, RosterBucket.Empty);
        foreach (var caller in await _pages.ReadAllAsync())
        {
            _line.Restore(caller);
        }

        foreach (var entry in (await _rosterRecords.ReadAllAsync()).SelectMany(b => b.Agents.Values))
        {
            _roster.Set(entry);
        }

        if (!state.State.LineInPages)
        {
            await MoveStoredBeforeAsync(storage, cancellationToken);
        }

        CountLine();
        await OfferAsync();
    }

    /// <summary>
    /// Moves what versions before stored elsewhere into the roster's records and the line's pages: the line and roster kept
    /// whole in the queue's own record, then the line in hashed buckets. The callers join the pages in the order they
    /// waited (numbered anew); each step can run again if the queue stops part way (callers already in line keep their place).
    /// </summary>
    private async Task MoveStoredBeforeAsync(IGrainStorage storage, CancellationToken cancellationToken)
    {
        var buckets = new LineBuckets(storage, this.GetGrainId());
        var before = (await buckets.ReadAllAsync()).Concat(state.State.Line)
            .OrderBy(caller => caller.WaitingSince).ThenBy(caller => caller.Arrival).ToList();
        await Task.WhenAll(before.Select(caller => EnlistAsync(caller.ConferenceId, caller.WaitingSince)));
        await Task.WhenAll(state.State.Agents.Values.Select(RecordPresenceAsync));
        await buckets.ClearAsync();
        state.State = new QueueState { LineInPages = true };
        await state.WriteStateAsync(cancellationToken);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.LineLength(QueueName, null);
        return Task.CompletedTask;
    }

    public Task<QueueView> GetAsync() => Task.FromResult(new QueueView(
        [.. _roster.Agents.OrderBy(a => a.AgentId, StringComparer.Ordinal)],
        [.. _line.InOrder.Select(c => c.ConferenceId)]));

    public async Task AgentPresenceChangedAsync(string agentId, AgentPresence presence, DateTimeOffset since)
    {
        _handedOut.Release(agentId);
        var entry = new RosterEntry(agentId, presence, since);
        if (!await RecordPresenceAsync(entry))
        {
            return;
        }

        await _observers.Notify(o => o.OnRosterChanged(entry));
        await OfferAsync();
    }

    public async Task<string?> RequestAgentAsync(string conferenceId, DateTimeOffset waitingSince)
    {
        _turns.Asking(conferenceId);
        try
        {
            await EnlistAsync(conferenceId, waitingSince);
        }
        finally
        {
            _turns.Asked(conferenceId);
        }

        var now = time.GetUtcNow();
        if (!ToServe(now).Any(caller => caller.ConferenceId == conferenceId))
        {
            metrics.AgentRequested(AgentRequestOutcome.NotServed, now - waitingSince);
            await OfferAsync();
            return null;
        }

        // Null when every agent free was handed to this caller within the hold; told again at the next change, not at once (a loop).
        var agentId = HandOut(LongestIdle(_recent.HeldFrom(conferenceId, now)));
        metrics.AgentRequested(agentId is null ? AgentRequestOutcome.NoneLeft : AgentRequestOutcome.HandedOut, now - waitingSince);
        if (agentId is not null)
        {
            _recent.Record(conferenceId, agentId, now);
            _turns.Handed(conferenceId, now);
            await OfferAsync();
        }

        return agentId;
    }

    public Task NoAgentTakenAsync(string conferenceId)
    {
        _turns.Answered(conferenceId);
        return OfferAsync();
    }

    public Task<string?> TakeAnyAgentAsync(IReadOnlyCollection<string> excluded) => Task.FromResult(HandOut(LongestIdle(excluded)));

    /// <summary>A caller not in line changes nothing here: no one else is told (a stale nudge's answer must not set off another).</summary>
    public async Task WithdrawAsync(string conferenceId)
    {
        _turns.Answered(conferenceId);
        if (_line.Withdraw(conferenceId) is { } caller)
        {
            await _pages.RemoveAsync(caller);
            CountLine();
            await OfferAsync();
        }
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
        return _roster.LongestIdle(agentId => excluded.Contains(agentId) || IsHeld(agentId, now));
    }

    private bool IsHeld(string agentId, DateTimeOffset now) => _handedOut.IsHeld(agentId, now);

    /// <summary>
    /// The callers to serve now: from the head of the line, those not already taking an agent, one for each agent free
    /// (at most <see cref="MostServedAtOnce"/>). No caller is served before one who has waited longer and is not yet
    /// served; a caller reserving its agent does not hold up the next.
    /// </summary>
    private IEnumerable<WaitingCaller> ToServe(DateTimeOffset now)
    {
        using var free = _roster.Available.Where(agent => !IsHeld(agent.AgentId, now)).GetEnumerator();
        var served = 0;
        foreach (var caller in _line.InOrder)
        {
            if (_turns.IsTaking(caller.ConferenceId, now))
            {
                continue;
            }

            if (served++ == MostServedAtOnce || !free.MoveNext())
            {
                yield break;
            }

            yield return caller;
        }
    }

    /// <summary>Stores the agent's presence unless it is what we know or older; false when nothing changed.</summary>
    private async Task<bool> RecordPresenceAsync(RosterEntry entry)
    {
        var known = _roster.Of(entry.AgentId);
        if (known is not null && (known == entry || known.Since > entry.Since))
        {
            return false;
        }

        _roster.Set(entry);
        try
        {
            await _rosterRecords.ChangeAsync(entry.AgentId, b => b with { Agents = b.Agents.SetItem(entry.AgentId, entry) });
        }
        catch
        {
            if (_roster.Of(entry.AgentId) == entry)
            {
                _roster.Restore(entry.AgentId, known);
            }

            throw;
        }

        return true;
    }

    private string? HandOut(string? agentId)
    {
        if (agentId is not null)
        {
            _handedOut.Hold(agentId, time.GetUtcNow());
            // If the taker never reserves the agent (it failed, or went away), the agent is offered again once the hold lapses.
            ReofferOnceTheHoldLapses();
        }

        return agentId;
    }

    private void ReofferOnceTheHoldLapses() =>
        _reoffer ??= this.RegisterGrainTimer(static grain => grain.ReofferAsync(), this, HandOutHold, Timeout.InfiniteTimeSpan);

    /// <summary>Tells the callers to serve again, and comes back while a hand-out or a caller's turn is still held.</summary>
    private async Task ReofferAsync()
    {
        _reoffer?.Dispose();
        _reoffer = null;
        _turns.ForgetTold();
        await OfferAsync();
        var now = time.GetUtcNow();
        if (_handedOut.Any(now) || _turns.AnyTaking(now))
        {
            ReofferOnceTheHoldLapses();
        }
    }

    private async Task EnlistAsync(string conferenceId, DateTimeOffset waitingSince)
    {
        if (_line.Enlist(conferenceId, waitingSince) is { } added)
        {
            try
            {
                await _pages.AddAsync(added);
                CountLine();
            }
            catch
            {
                _line.Withdraw(conferenceId);
                throw;
            }
        }
    }

    private void CountLine() => metrics.LineLength(QueueName, _line.Count);

    /// <summary>
    /// Tells the callers to serve that an agent may be free, each once until it answers (<see cref="LineTurns"/>); one-way,
    /// so a conference that calls back into the queue never waits on us. A message lost is repeated when the re-offer timer fires.
    /// </summary>
    private Task OfferAsync()
    {
        var now = time.GetUtcNow();
        var told = ToServe(now).Where(caller => _turns.TryTell(caller.ConferenceId, now)).Select(caller => caller.ConferenceId).ToList();
        if (told.Count == 0)
        {
            return Task.CompletedTask;
        }

        metrics.CallersTold(told.Count);
        ReofferOnceTheHoldLapses();
        return Task.WhenAll(told.Select(conferenceId => GrainFactory.Reference<IConferenceGrain>(conferenceId).AgentMayBeAvailableAsync()));
    }
}
