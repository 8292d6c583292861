using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Telemetry;
using WarmTransfer.Grains.Telephony;
using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// The imperative shell around <see cref="ConferenceRules"/>: runs the <see cref="ConferenceLoop"/> on each input, tells the
/// agents involved, and keeps checking with Twilio's REST API while the call lives (callbacks get lost).
/// Not reentrant: Twilio's callbacks for our own REST calls queue up behind the call that caused them.
/// Placed by a hash of its CallSid: a call at rest is let go and brought back many times, and each activation lists its
/// next check on its own silo's due-list; on one silo the listings merge (and the census counts it once), on several
/// each would wake it, and every fresh activation reconciles at its first wake.
/// </summary>
[Orleans.Placement.HashBasedPlacement]
public sealed partial class ConferenceGrain(
    [PersistentState("conference", StorageNames.Calls)] IPersistentState<ConferenceState> state,
    ITelephony telephony,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    IOptions<WarmTransferOptions> options,
    IOptions<TwilioOptions> twilio,
    ILogger<ConferenceGrain> log,
    WarmTransferMetrics metrics,
    DueChecks dueChecks) : Grain, IConferenceGrain, IDueCheck
{
    private readonly UnreportedLegs _unreported = new();

    /// <summary>When the silo's <see cref="DueChecks"/> is to wake this grain to look for overdue legs; null while none is awaited.</summary>
    private DateTimeOffset? _watchAt;

    /// <summary>When the silo's <see cref="DueChecks"/> is to wake this grain to reconcile with Twilio; null while no leg is up.</summary>
    private DateTimeOffset? _reconcileAt;
    private IGrainTimer? _forget;

    /// <summary>The state changed since it was last stored (the loop stores Twilio's word alone, and a repeatable effect popped, with the next store).</summary>
    private bool _unstored;

    /// <summary>Let go while talking, its next reconciliation still listed on this silo's due-list: it goes on counting as talking here.</summary>
    private bool _restingOnceGone;

    /// <summary>Effects being carried out after a request was answered (<see cref="CarryOutAfterAnswering"/>); every later input waits for them.</summary>
    private Task _carryingOut = Task.CompletedTask;

    /// <summary>Kept: Orleans decodes the key into a new string on every read.</summary>
    private string? _conferenceId;

    private string ConferenceId => _conferenceId ??= this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        KeepWatching();
        if (_reconcileAt is not null)
        {
            // A live call's earlier activation (let go at rest, or lost with its silo) may have listed its reconciliation:
            // that wake-up is what may have brought this activation here, so the first one it gets finds it due. The
            // listing just made stands in case no earlier one survives.
            _reconcileAt = time.GetUtcNow();
        }

        metrics.ConferenceChanged(this.GetGrainId(), before: null, state.State, input: null);
        if (!state.State.Outbox.IsEmpty)
        {
            // Effects decided by an activation that went away before carrying them out.
            CarryOutAfterAnswering();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_restingOnceGone && SettledTalking.Holds(state.State))
        {
            metrics.Calls.Rest(this.GetGrainId());
        }
        else
        {
            metrics.Calls.Set(this.GetGrainId(), null);
        }

        await _carryingOut;
        if (_unstored)
        {
            await StoreWhileGoingAsync();
        }
    }

    /// <summary>What Twilio reported since the last store is kept (were it lost, the next activation would ask Twilio again).</summary>
    private async Task StoreWhileGoingAsync()
    {
        try
        {
            await PersistAsync();
        }
        catch (Exception ex)
        {
            LogStoreWhileGoingFailed(log, ex, ConferenceId);
        }
    }

    /// <summary>Like every request, sees the effects of an earlier answer carried out, as it would behind a turn.</summary>
    public async Task<ConferenceView> GetAsync()
    {
        await _carryingOut;
        return View;
    }

    /// <summary>Answers at once: the agent is looked for and rung after the caller's TwiML is on its way.</summary>
    public async Task<CallerAdmission> AdmitCallerAsync(IncomingCall call)
    {
        await RunAsync(new CallerArrived(call), carryOutNow: false);
        return AdmissionRules.AdmissionFor(state.State, ConferenceId);
    }

    public async Task<CallerAdmission> ReturnCallerAsync()
    {
        await RunAsync(new CallerReturned(), carryOutNow: false);
        return AdmissionRules.ReturnFor(state.State, ConferenceId);
    }

    public async Task<AgentConnection> ConnectAgentAsync(string agentId, string callSid)
    {
        await RunAsync(new AgentAnswered(agentId, callSid));
        return AdmissionRules.ConnectionFor(state.State, ConferenceId, agentId, callSid);
    }

    public Task OnConferenceEventAsync(ConferenceEvent conferenceEvent) => RunAsync(new ConferenceEventReceived(conferenceEvent));

    public Task OnCallStatusAsync(CallStatusReport report) => RunAsync(new CallStatusReceived(report));

    public Task AgentMayBeAvailableAsync() => RunAsync(new AgentMayBeAvailable());

    public Task CheckInAsync(string agentId) => RunAsync(new AgentCheckingIn(agentId));

    public Task<CommandResult> StartTransferAsync(string agentId, string? targetAgentId) => CommandAsync(new StartTransfer(agentId, targetAgentId));

    public Task<CommandResult> JoinThreeWayAsync(string agentId) => CommandAsync(new JoinThreeWay(agentId));

    public Task<CommandResult> CompleteTransferAsync(string agentId) => CommandAsync(new CompleteTransfer(agentId));

    public Task<CommandResult> CancelTransferAsync(string agentId) => CommandAsync(new CancelTransfer(agentId));

    public Task<CommandResult> HoldCallerAsync(string agentId, bool hold) => CommandAsync(new HoldCaller(agentId, hold));

    public Task<CommandResult> HangUpAsync(string agentId) => CommandAsync(new HangUp(agentId));

    /// <summary>
    /// Reads the conference's participants and the status of every leg still awaited from Twilio's REST API, and feeds
    /// what it says to the rules: the repair for callbacks that were lost or could not be processed.
    /// </summary>
    public async Task ReconcileAsync() => await ReconcileAsync(state.State.Participants.Where(p => !p.CallOver).Select(p => p.CallSid).ToList());

    private ConferenceView View => state.State.ToView(ConferenceId);

    /// <summary>An agent's command is answered with the conference as it left it, with that agent's allowed actions.</summary>
    private async Task<CommandResult> CommandAsync(ConferenceInput input)
    {
        var outcome = await RunAsync(input);
        return new CommandResult(outcome.Outcome, outcome.Reason, View);
    }

    /// <summary>Not reentrant, so only effects carried out after an answer can still be running here: they come first.</summary>
    private async Task<LoopOutcome> RunAsync(ConferenceInput? input, bool carryOutNow = true)
    {
        await _carryingOut;
        return await RunNowAsync(input, carryOutNow);
    }

    private async Task<LoopOutcome> RunNowAsync(ConferenceInput? input, bool carryOutNow = true)
    {
        using var scope = log.BeginScope(new CallLogScope(ConferenceId, state.State.ConferenceSid));
        var before = state.State;
        var loop = NewLoop();
        var outcome = input is null ? await loop.DrainAsync()
            : carryOutNow ? await loop.RunAsync(input)
            : await loop.DecideAsync(input);
        if (!carryOutNow && !state.State.Outbox.IsEmpty)
        {
            CarryOutAfterAnswering();
        }

        // Carrying out effects changes only the outbox (and the revision): nothing to tell anyone then.
        if (!ReferenceEquals(before, state.State) && before with { Outbox = state.State.Outbox, Revision = state.State.Revision } != state.State)
        {
            if (before.Phase != state.State.Phase)
            {
                LogChanged(log, ConferenceId, input?.GetType().Name ?? "resume", before.Phase, state.State.Phase);
            }

            if (CallMilestones.Between(before, state.State) is { } milestone)
            {
                LogMilestone(log, ConferenceId, milestone, state.State.HandlingAgentId ?? "none");
            }

            foreach (var invariant in ConferenceInvariants.Broken(state.State))
            {
                LogInvariantBroken(log, ConferenceId, invariant, input?.GetType().Name ?? "resume");
            }

            await TellAgentsAsync(before);
        }

        if (!ReferenceEquals(before, state.State))
        {
            KeepWatching();
            metrics.ConferenceChanged(this.GetGrainId(), before, state.State, input);
        }

        await LetGoWhileSettledAsync();

        return outcome;
    }

    /// <summary>Built per request, not kept: its delegates would weigh ~0.4 KB on every active call at rest.</summary>
    private ConferenceLoop NewLoop()
    {
        var effects = new ConferenceEffectRunner(ConferenceId, GrainFactory, telephony, time, log);
        return new ConferenceLoop(() => state.State, next => (state.State, _unstored) = (next with { Revision = state.State.Revision + 1 }, true), PersistAsync, effects.RunAsync, time.GetUtcNow);
    }

    /// <summary>
    /// Carries out the outbox on this activation right after the current request is answered, so a webhook's TwiML does not
    /// wait for the queue or Twilio's REST API, and no message to ourselves and no second turn are needed. It yields first:
    /// the answer is already queued on the grain's scheduler (or sent inline), and goes out before the effects start.
    /// Orleans would start the next request while it runs (it is no request), so every input awaits it first (RunAsync),
    /// as do GetAsync, the reconciliation the due-list wakes, the retention timer (ForgetAsync) and deactivation.
    /// </summary>
    private void CarryOutAfterAnswering() => _carryingOut = CarryOutAsync(_carryingOut);

    private async Task CarryOutAsync(Task before)
    {
        await before;
        await Task.Yield();
        try
        {
            await RunNowAsync(input: null);
        }
        catch (Exception ex)
        {
            // Storage failed (the activation is going, PersistAsync): the next activation carries out the stored outbox.
            LogCarryOutFailed(log, ex, ConferenceId);
        }
    }

    /// <summary>Stored before any effect leaves the grain. If storage fails, this activation goes away so the next one starts from what was stored.</summary>
    private async Task PersistAsync()
    {
        try
        {
            _unstored = false;
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// A caller settled in line, or talking with their agent, has nothing due in this activation: it goes, and the queue's
    /// nudge, Twilio's next callback, the agent, or (while talking) the reconciliation listed on the due-list brings it back
    /// from storage. What is stored must then be all there is.
    /// </summary>
    private async Task LetGoWhileSettledAsync()
    {
        var inLine = SettledInLine.Holds(state.State);
        var talking = !inLine && SettledTalking.Holds(state.State);
        if (!(inLine || talking) || _unreported.Any || _watchAt is not null || _forget is not null)
        {
            return;
        }

        if (_unstored)
        {
            await PersistAsync();
        }

        _restingOnceGone = talking;
        DeactivateOnIdle();
    }

    /// <summary>Pushes the conference to every agent who had or has a leg up in it (a caller alone in line has none: no view is built).</summary>
    private async Task TellAgentsAsync(ConferenceState before)
    {
        ConferenceView? view = null;
        var agents = before.Participants.Concat(state.State.Participants)
            .Where(p => p.AgentId is not null && (p.IsLive || before.Leg(p.CallSid)?.IsLive == true))
            .Select(p => p.AgentId!)
            .Distinct();
        foreach (var agentId in agents)
        {
            try
            {
                await GrainFactory.Reference<IAgentGrain>(agentId).ConferenceChangedAsync(view ??= View);
            }
            catch (Exception ex)
            {
                LogNotifyFailed(log, ex, agentId, ConferenceId);
            }
        }
    }

    /// <summary>A waiting caller does not poll: the queue tells the caller at the head of the line when an agent may be free.</summary>
    private void KeepWatching()
    {
        WatchUnreportedLegs();
        ReconcileWhileLive();
        ForgetOnceOver();
    }

    /// <summary>An ended call whose every leg Twilio reported over is cleared from storage after the retention, so ended calls do not pile up.</summary>
    private void ForgetOnceOver()
    {
        if (state.State.Phase == ConferencePhase.Ended && state.State.Outbox.IsEmpty && state.State.Participants.All(p => p.CallOver))
        {
            _forget ??= this.RegisterGrainTimer(static grain => grain.ForgetAsync(), this,
                new GrainTimerCreationOptions(options.Value.EndedCallRetention, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    private async Task ForgetAsync()
    {
        await _carryingOut;
        await state.ClearStateAsync();
        _unstored = false;
        _forget?.Dispose();
        _forget = null;
        DeactivateOnIdle();
    }

    private void WatchUnreportedLegs()
    {
        _unreported.Track(state.State, time.GetUtcNow());
        ListCheck(ref _watchAt, _unreported.Any, options.Value.UnreportedLegCheck);
    }

    /// <summary>
    /// While any leg is up, Twilio is asked now and then even if nothing seems overdue: a lost callback can look like quiet.
    /// A caller who only waits in line is not checked (100,000 waiting callers would cost ~1,700 REST reads a second at
    /// rest); checking resumes the moment the caller leaves the line, when an agent is rung for them.
    /// </summary>
    private void ReconcileWhileLive()
    {
        var live = state.State.Phase != ConferencePhase.Queued && state.State.Participants.Any(p => !p.CallOver);
        ListCheck(ref _reconcileAt, live, options.Value.ReconcileInterval);
    }

    /// <summary>Lists a check wanted and not yet listed; drops one no longer wanted (a wake-up for it finds nothing due).</summary>
    private void ListCheck(ref DateTimeOffset? at, bool wanted, TimeSpan every)
    {
        if (!wanted)
        {
            if (at is not null)
            {
                at = null;
                if (_watchAt is null && _reconcileAt is null)
                {
                    // Nothing left to check: a caller settled in line is let go and must not be woken back from storage.
                    dueChecks.Forget(this.GetGrainId());
                }
            }
        }
        else if (at is null)
        {
            at = time.GetUtcNow() + every;
            dueChecks.Wake(this.GetGrainId(), at.Value);
        }
    }

    /// <summary>
    /// Woken by the silo's due-list for the earliest check listed. The next checks are listed before this one asks Twilio,
    /// so checks stay one interval apart however long Twilio takes; a check not yet due is listed again.
    /// </summary>
    public async Task CheckDueAsync()
    {
        var now = time.GetUtcNow();
        var watch = _watchAt <= now;
        var reconcile = _reconcileAt <= now;
        _watchAt = watch ? null : _watchAt;
        _reconcileAt = reconcile ? null : _reconcileAt;
        WatchUnreportedLegs();
        ReconcileWhileLive();
        foreach (var at in new[] { _watchAt, _reconcileAt })
        {
            if (at is { } due)
            {
                dueChecks.Wake(this.GetGrainId(), due);
            }
        }

        if (watch)
        {
            await AskTwilioAboutOverdueLegsAsync();
        }

        if (reconcile)
        {
            await ReconcileAsync();
        }

        await LetGoWhileSettledAsync();
    }

    private Task AskTwilioAboutOverdueLegsAsync()
    {
        var ringTimeout = TimeSpan.FromSeconds(twilio.Value.RingTimeoutSeconds);
        var overdue = _unreported.Overdue(time.GetUtcNow(), ringTimeout, options.Value.UnreportedLegCheck);
        return overdue.Count == 0 ? Task.CompletedTask : ReconcileAsync(overdue);
    }

    private async Task ReconcileAsync(IReadOnlyList<string> legsToCheck)
    {
        // What Twilio lists is applied as one snapshot: no effect's result may land between the reading and the applying.
        await _carryingOut;
        try
        {
            if (state.State.Phase is not (ConferencePhase.None or ConferencePhase.Ended)
                && (state.State.ConferenceSid ?? await telephony.FindConferenceSidAsync(ConferenceId)) is { } conferenceSid
                && await telephony.ListParticipantsAsync(conferenceSid) is { } participants)
            {
                await RunAsync(new ParticipantsListed(conferenceSid, participants));
            }

            foreach (var callSid in legsToCheck.Where(sid => state.State.Leg(sid) is { CallOver: false, State: < ParticipantState.Joined or > ParticipantState.Joined }))
            {
                if (await telephony.FetchCallStatusAsync(callSid) is { } status)
                {
                    await RunAsync(new CallStatusReceived(new CallStatusReport(callSid, status)));
                }
            }
        }
        catch (TelephonyException ex) when (ex.NotSent)
        {
            // Thousands of calls may be due at once; each is checked again at its next due time.
            LogReconcileDeferred(log, ConferenceId);
        }
        catch (TelephonyException ex)
        {
            LogReconcileFailed(log, ex, ConferenceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Conference {ConferenceId} broke an invariant after {Input}: {Invariant}")]
    private static partial void LogInvariantBroken(ILogger logger, string conferenceId, string invariant, string input);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check conference {ConferenceId} with Twilio's REST API")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string conferenceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not check conference {ConferenceId} with Twilio's REST API now: too many requests to Twilio are under way")]
    private static partial void LogReconcileDeferred(ILogger logger, string conferenceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Conference {ConferenceId}: {Input} moved {Before} → {After}")]
    private static partial void LogChanged(ILogger logger, string conferenceId, string input, ConferencePhase before, ConferencePhase after);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {ConferenceId} {Milestone}; handling agent: {AgentId}")]
    private static partial void LogMilestone(ILogger logger, string conferenceId, CallMilestone milestone, string agentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conference {ConferenceId} could not carry out its effects after answering; its next activation will")]
    private static partial void LogCarryOutFailed(ILogger logger, Exception exception, string conferenceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conference {ConferenceId} could not store what Twilio last reported while its activation went; its next activation will ask Twilio")]
    private static partial void LogStoreWhileGoingFailed(ILogger logger, Exception exception, string conferenceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell agent {AgentId} about conference {ConferenceId}")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string agentId, string conferenceId);
}
