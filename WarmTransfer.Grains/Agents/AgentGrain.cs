using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Telephony;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Utilities;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Routing;
using WarmTransfer.Grains.Telemetry;
using WarmTransfer.Grains.Hosting;

namespace WarmTransfer.Grains.Agents;

public sealed partial class AgentGrain(
    [PersistentState("agent", StorageNames.Calls)] IPersistentState<AgentState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    IOptions<WarmTransferOptions> options,
    ILogger<AgentGrain> log,
    WarmTransferMetrics metrics,
    DueChecks dueChecks) : Grain, IAgentGrain, IDueCheck
{
    private static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(2);

    private const int StoreAttempts = 3;

    private readonly ObserverManager<IAgentObserver> _observers = new(ObserverExpiry, log);

    /// <summary>
    /// The latest view of the current conference, pushed by the conference grain (which owns it), kept only while a console
    /// watches: most agents on a call have none open, and the copy weighed ~0.5 KB per call. A console that subscribes
    /// mid-call reads the conference from its grain; until the next push, this agent's updates say null (console: unchanged).
    /// </summary>
    private ConferenceView? _conference;

    /// <summary>The revision of the newest view told of the current conference (0 since the agent was reserved or activated).</summary>
    private long _revision;

    /// <summary>While on a call, the conference is asked now and then whether the agent still has a leg there (its release could have been lost).</summary>
    private bool _checkInListed;

    /// <summary>Kept: Orleans decodes the key into a new string on every read.</summary>
    private string? _agentId;

    private string AgentId => _agentId ??= this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        CheckInWhileOnACall();
        CountPresence();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Agents.Set(this.GetGrainId(), null);
        return Task.CompletedTask;
    }

    private void CountPresence() => metrics.Agents.Set(this.GetGrainId(), WarmTransferMetrics.PresenceName(state.State.Presence));

    private AgentView View => new(AgentId, state.State.Presence, state.State.CurrentConferenceId, state.State.PresenceSince);

    public Task<AgentView> GetAsync() => Task.FromResult(View);

    public async Task<AgentView> ConnectAsync()
    {
        await ChangeAsync(s => s.Chosen == AgentPresence.Offline ? s with { Chosen = AgentPresence.Available } : s);
        return View;
    }

    public async Task<AgentView> ChoosePresenceAsync(AgentPresence presence)
    {
        if (presence is not (AgentPresence.Available or AgentPresence.Away or AgentPresence.Offline))
        {
            throw new ArgumentOutOfRangeException(nameof(presence), presence, "An agent can only choose available, away or offline.");
        }

        await ChangeAsync(s => s with { Chosen = presence });
        return View;
    }

    public async Task<bool> TryReserveAsync(string conferenceId)
    {
        if (state.State.CurrentConferenceId == conferenceId)
        {
            return true;
        }

        if (!Reservable(state.State))
        {
            return false;
        }

        (_conference, _revision) = (null, 0);
        await ChangeAsync(s => Reservable(s) ? s with { CurrentConferenceId = conferenceId, Joined = false } : s);
        return state.State.CurrentConferenceId == conferenceId;
    }

    private static bool Reservable(AgentState agent) => agent.CurrentConferenceId is null && agent.Chosen == AgentPresence.Available;

    public async Task JoinedAsync(string conferenceId)
    {
        await ChangeAsync(s => s.CurrentConferenceId == conferenceId && !s.Joined ? s with { Joined = true } : s);
    }

    public async Task ReleaseAsync(string conferenceId, AgentCallOutcome outcome)
    {
        if (state.State.CurrentConferenceId != conferenceId)
        {
            return;
        }

        (_conference, _revision) = (null, 0);
        var released = await ChangeAsync(s => s.CurrentConferenceId != conferenceId ? s : s with
        {
            CurrentConferenceId = null,
            Joined = false,
            Chosen = outcome == AgentCallOutcome.Missed && s.Chosen == AgentPresence.Available ? AgentPresence.Away : s.Chosen,
        });
        if (outcome == AgentCallOutcome.Missed && released is { Chosen: AgentPresence.Available })
        {
            await NotifyAsync(new AgentNotice(conferenceId, "You missed a call, so you are now away. Choose available to take calls again.", time.GetUtcNow()));
        }
    }

    public async Task ConferenceChangedAsync(ConferenceView conference)
    {
        if (conference.ConferenceId != state.State.CurrentConferenceId || conference.Revision < _revision)
        {
            return;
        }

        _revision = conference.Revision;

        if (_observers.Count == 0)
        {
            _conference = null;
            return;
        }

        _conference = conference;
        await _observers.Notify(o => o.OnAgentChanged(View, conference));
    }

    public Task NotifyAsync(AgentNotice notice) => _observers.Notify(o => o.OnNotice(notice));

    public Task SubscribeAsync(IAgentObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IAgentObserver observer)
    {
        _observers.Unsubscribe(observer);
        if (_observers.Count == 0)
        {
            _conference = null;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Persists a change, then tells the router and the agent's sessions if the presence moved. The change carries its own
    /// guards: it may be made again on newer state (<see cref="StoreChangeAsync"/>). Returns the state it changed, if any.
    /// </summary>
    private async Task<AgentState?> ChangeAsync(Func<AgentState, AgentState> change)
    {
        if (await StoreChangeAsync(change) is not { } before)
        {
            return null;
        }

        CountPresence();

        if (state.State.Presence != before.Presence)
        {
            await TellRouterAsync();
        }

        await _observers.Notify(o => o.OnAgentChanged(View, _conference));
        CheckInWhileOnACall();
        return before;
    }

    /// <summary>
    /// Stores the change and returns the state it changed (null: it changed nothing). Two activations of one agent can
    /// overlap for a moment while silos join and leave: a write refused because the other stored the agent since is made
    /// again on what it stored. Any other failure leaves this activation unsure of what is stored, so it goes.
    /// </summary>
    private async Task<AgentState?> StoreChangeAsync(Func<AgentState, AgentState> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = state.State;
            var after = change(before);
            if (after == before)
            {
                return null;
            }

            state.State = after.Presence != before.Presence ? after with { PresenceSince = time.GetUtcNow() } : after;
            try
            {
                await state.WriteStateAsync();
                return before;
            }
            catch (InconsistentStateException) when (attempt < StoreAttempts)
            {
                await state.ReadStateAsync();
            }
            catch
            {
                DeactivateOnIdle();
                throw;
            }
        }
    }

    private void CheckInWhileOnACall()
    {
        if (state.State.CurrentConferenceId is null)
        {
            if (_checkInListed)
            {
                _checkInListed = false;
                dueChecks.Forget(this.GetGrainId());
            }
        }
        else if (!_checkInListed)
        {
            _checkInListed = true;
            dueChecks.Wake(this.GetGrainId(), time.GetUtcNow() + options.Value.ReconcileInterval);
        }
    }

    /// <summary>One-way: the conference calls this grain back (ReleaseAsync) and must never wait on it.</summary>
    public Task CheckDueAsync()
    {
        _checkInListed = false;
        CheckInWhileOnACall();
        return state.State.CurrentConferenceId is { } conferenceId
            ? GrainFactory.Reference<IConferenceGrain>(conferenceId).CheckInAsync(AgentId)
            : Task.CompletedTask;
    }

    /// <summary>
    /// The change is stored, so telling the router must not fail it: a reservation that stood but was reported failed
    /// left the agent reserved for a transfer the conference gave up (seen in a rolling restart, the queue's silo
    /// stopping). While the queue's silo stops or is lost, the call is retried until the queue is active elsewhere; if
    /// it still fails, the router hears of this agent at its next change of presence, and a warning says so.
    /// </summary>
    private async Task TellRouterAsync()
    {
        try
        {
            await GrainCalls.WithRetryAsync(() => GrainFactory.Reference<IQueueGrain>(QueueNames.Support)
                .AgentPresenceChangedAsync(AgentId, state.State.Presence, state.State.PresenceSince));
        }
        catch (Exception ex)
        {
            LogRouterNotTold(log, ex, AgentId, state.State.Presence);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the router that agent {AgentId} is now {Presence}; it hears of the agent at its next change")]
    private static partial void LogRouterNotTold(ILogger logger, Exception exception, string agentId, AgentPresence presence);
}
