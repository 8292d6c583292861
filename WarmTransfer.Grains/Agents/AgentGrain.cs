using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Telephony;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Routing;
using WarmTransfer.Grains.Telemetry;
using WarmTransfer.Grains.Hosting;

namespace WarmTransfer.Grains.Agents;

public sealed class AgentGrain(
    [PersistentState("agent", StorageNames.Calls)] IPersistentState<AgentState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    IOptions<WarmTransferOptions> options,
    ILogger<AgentGrain> log,
    WarmTransferMetrics metrics,
    DueChecks dueChecks) : Grain, IAgentGrain, IDueCheck
{
    private static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(2);

    private readonly ObserverManager<IAgentObserver> _observers = new(ObserverExpiry, log);

    /// <summary>
    /// The latest view of the current conference, pushed by the conference grain (which owns it), kept only while a console
    /// watches: most agents on a call have none open, and the copy weighed ~0.5 KB per call. A console that subscribes
    /// mid-call reads the conference from its grain; until the next push, this agent's updates say null (console: unchanged).
    /// </summary>
    private ConferenceView? _conference;

    /// <summary>While on a call, the conference is asked now and then whether the agent still has a leg there (its release could have been lost).</summary>
    private bool _checkInListed;

    private string AgentId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        CheckInWhileOnACall();
        CountPresence();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Agents.Set(AgentId, null);
        return Task.CompletedTask;
    }

    private void CountPresence() => metrics.Agents.Set(AgentId, WarmTransferMetrics.PresenceName(state.State.Presence));

    private AgentView View => new(AgentId, state.State.Presence, state.State.CurrentConferenceId, state.State.PresenceSince);

    public Task<AgentView> GetAsync() => Task.FromResult(View);

    public async Task<AgentView> ConnectAsync()
    {
        if (state.State.Chosen == AgentPresence.Offline)
        {
            await ChangeAsync(s => s with { Chosen = AgentPresence.Available });
        }

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

        if (state.State.CurrentConferenceId is not null || state.State.Chosen != AgentPresence.Available)
        {
            return false;
        }

        _conference = null;
        await ChangeAsync(s => s with { CurrentConferenceId = conferenceId, Joined = false });
        return true;
    }

    public async Task JoinedAsync(string conferenceId)
    {
        if (state.State.CurrentConferenceId == conferenceId && !state.State.Joined)
        {
            await ChangeAsync(s => s with { Joined = true });
        }
    }

    public async Task ReleaseAsync(string conferenceId, AgentCallOutcome outcome)
    {
        if (state.State.CurrentConferenceId != conferenceId)
        {
            return;
        }

        _conference = null;
        var missed = outcome == AgentCallOutcome.Missed && state.State.Chosen == AgentPresence.Available;
        await ChangeAsync(s => s with
        {
            CurrentConferenceId = null,
            Joined = false,
            Chosen = missed ? AgentPresence.Away : s.Chosen,
        });
        if (missed)
        {
            await NotifyAsync(new AgentNotice(conferenceId, "You missed a call, so you are now away. Choose available to take calls again.", time.GetUtcNow()));
        }
    }

    public async Task ConferenceChangedAsync(ConferenceView conference)
    {
        if (conference.ConferenceId != state.State.CurrentConferenceId)
        {
            return;
        }

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

    /// <summary>Persists a change, then tells the router and the agent's sessions if the presence moved.</summary>
    private async Task ChangeAsync(Func<AgentState, AgentState> change)
    {
        var before = state.State;
        var after = change(before);
        if (after == before)
        {
            return;
        }

        var presenceChanged = after.Presence != before.Presence;
        state.State = presenceChanged ? after with { PresenceSince = time.GetUtcNow() } : after;
        await state.WriteStateAsync();
        CountPresence();

        if (presenceChanged)
        {
            await GrainFactory.Reference<IQueueGrain>(QueueNames.Support)
                .AgentPresenceChangedAsync(AgentId, state.State.Presence, state.State.PresenceSince);
        }

        await _observers.Notify(o => o.OnAgentChanged(View, _conference));
        CheckInWhileOnACall();
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
}
