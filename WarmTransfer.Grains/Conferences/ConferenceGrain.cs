using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Telephony;
using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// The imperative shell around <see cref="ConferenceRules"/>: feeds each input to the rules, persists the new state,
/// carries out the effects (whose results are fed back as inputs), then tells the agents involved.
/// Not reentrant: Twilio's callbacks for our own REST calls queue up behind the call that caused them.
/// </summary>
public sealed partial class ConferenceGrain(
    [PersistentState("conference", StorageNames.Calls)] IPersistentState<ConferenceState> state,
    ITelephony telephony,
    TimeProvider time,
    IOptions<WarmTransferOptions> options,
    IOptions<TwilioOptions> twilio,
    ILogger<ConferenceGrain> log) : Grain, IConferenceGrain
{
    private readonly UnreportedLegs _unreported = new();
    private ConferenceEffectRunner? _effects;
    private IGrainTimer? _queueRetry;
    private IGrainTimer? _watchdog;

    private string ConferenceId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _effects = new ConferenceEffectRunner(ConferenceId, GrainFactory, telephony, time, log);
        KeepAskingWhileQueued();
        WatchUnreportedLegs();
        return Task.CompletedTask;
    }

    public Task<ConferenceView> GetAsync() => Task.FromResult(View);

    public async Task<CallerAdmission> AdmitCallerAsync(IncomingCall call)
    {
        await RunAsync(new CallerArrived(call));
        return CallerRules.AdmissionFor(state.State, ConferenceId);
    }

    public async Task<AgentConnection> ConnectAgentAsync(string agentId, string callSid)
    {
        await RunAsync(new AgentAnswered(agentId, callSid));
        return CallerRules.ConnectionFor(state.State, ConferenceId, agentId, callSid);
    }

    public Task OnConferenceEventAsync(ConferenceEvent conferenceEvent) => RunAsync(new ConferenceEventReceived(conferenceEvent));

    public Task OnCallStatusAsync(CallStatusReport report) => RunAsync(new CallStatusReceived(report));

    public Task AgentMayBeAvailableAsync() => RunAsync(new AgentMayBeAvailable());

    public Task<CommandResult> StartTransferAsync(string agentId, string? targetAgentId) => RunAsync(new StartTransfer(agentId, targetAgentId));

    public Task<CommandResult> JoinThreeWayAsync(string agentId) => RunAsync(new JoinThreeWay(agentId));

    public Task<CommandResult> CompleteTransferAsync(string agentId) => RunAsync(new CompleteTransfer(agentId));

    public Task<CommandResult> CancelTransferAsync(string agentId) => RunAsync(new CancelTransfer(agentId));

    public Task<CommandResult> HoldCallerAsync(string agentId, bool hold) => RunAsync(new HoldCaller(agentId, hold));

    public Task<CommandResult> HangUpAsync(string agentId) => RunAsync(new HangUp(agentId));

    private ConferenceView View => state.State.ToView(ConferenceId);

    private async Task<CommandResult> RunAsync(ConferenceInput input)
    {
        using var scope = log.BeginScope(new Dictionary<string, object?> { ["ConferenceId"] = ConferenceId, ["ConferenceSid"] = state.State.ConferenceSid });
        var before = state.State;
        var outcome = CommandOutcome.Accepted;
        string? reason = null;
        var pending = new Queue<ConferenceInput>([input]);
        while (pending.TryDequeue(out var next))
        {
            var decision = ConferenceRules.Decide(state.State, next, time.GetUtcNow());
            if (decision.Outcome != CommandOutcome.Accepted && outcome == CommandOutcome.Accepted)
            {
                (outcome, reason) = (decision.Outcome, decision.Reason);
            }

            if (!ReferenceEquals(decision.State, state.State))
            {
                await PersistAsync(decision.State);
            }

            foreach (var effect in decision.Effects)
            {
                if (await _effects!.RunAsync(effect, state.State) is { } result)
                {
                    pending.Enqueue(result);
                }
            }
        }

        if (!ReferenceEquals(before, state.State))
        {
            LogChanged(log, ConferenceId, input.GetType().Name, before.Phase, state.State.Phase);
            await TellAgentsAsync(before);
            KeepAskingWhileQueued();
            WatchUnreportedLegs();
        }

        return new CommandResult(outcome, reason, View);
    }

    /// <summary>Stored before anything outside the grain hears of it. If storage fails, this activation goes away so the next one starts from what was stored.</summary>
    private async Task PersistAsync(ConferenceState next)
    {
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Pushes the conference to every agent who had or has a leg up in it.</summary>
    private async Task TellAgentsAsync(ConferenceState before)
    {
        var view = View;
        var agents = before.Participants.Concat(state.State.Participants)
            .Where(p => p.AgentId is not null && (p.IsLive || before.Leg(p.CallSid)?.IsLive == true))
            .Select(p => p.AgentId!)
            .Distinct();
        foreach (var agentId in agents)
        {
            try
            {
                await GrainFactory.GetGrain<IAgentGrain>(agentId).ConferenceChangedAsync(view);
            }
            catch (Exception ex)
            {
                LogNotifyFailed(log, ex, agentId, ConferenceId);
            }
        }
    }

    /// <summary>A waiting caller asks the queue again now and then, in case the queue's one-way nudge was lost.</summary>
    private void KeepAskingWhileQueued()
    {
        if (state.State.Phase == ConferencePhase.Queued)
        {
            var every = options.Value.QueueRetryInterval;
            _queueRetry ??= this.RegisterGrainTimer(static grain => grain.AgentMayBeAvailableAsync(), this, every, every);
        }
        else
        {
            _queueRetry?.Dispose();
            _queueRetry = null;
        }
    }

    private void WatchUnreportedLegs()
    {
        _unreported.Track(state.State, time.GetUtcNow());
        if (_unreported.Any)
        {
            var every = options.Value.UnreportedLegCheck;
            _watchdog ??= this.RegisterGrainTimer(static grain => grain.AskTwilioAboutOverdueLegsAsync(), this, every, every);
        }
        else
        {
            _watchdog?.Dispose();
            _watchdog = null;
        }
    }

    /// <summary>Twilio reports a leg that rang out or joined; no report long after it was due means the report was lost.</summary>
    private async Task AskTwilioAboutOverdueLegsAsync()
    {
        var ringTimeout = TimeSpan.FromSeconds(twilio.Value.RingTimeoutSeconds);
        foreach (var callSid in _unreported.Overdue(time.GetUtcNow(), ringTimeout, options.Value.UnreportedLegCheck))
        {
            try
            {
                if (await telephony.FetchCallStatusAsync(callSid) is { } status)
                {
                    await RunAsync(new CallStatusReceived(new CallStatusReport(callSid, status)));
                }
            }
            catch (TelephonyException ex)
            {
                LogWatchdogFailed(log, ex, callSid, ConferenceId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask Twilio about overdue leg {CallSid} of conference {ConferenceId}")]
    private static partial void LogWatchdogFailed(ILogger logger, Exception exception, string callSid, string conferenceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conference {ConferenceId}: {Input} moved {Before} → {After}")]
    private static partial void LogChanged(ILogger logger, string conferenceId, string input, ConferencePhase before, ConferencePhase after);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell agent {AgentId} about conference {ConferenceId}")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string agentId, string conferenceId);
}
