using Microsoft.Extensions.Logging;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Routing;
using WarmTransfer.Grains.Telephony;
using static WarmTransfer.Grains.Conferences.ConferenceEffect;
using static WarmTransfer.Grains.Conferences.ConferenceInput;
using WarmTransfer.Grains.Hosting;

namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// Carries out one conference's effects: REST calls through the telephony port and calls to agent and queue grains.
/// A failed effect is reported back to the rules as an input (and logged); it never throws.
/// </summary>
internal sealed partial class ConferenceEffectRunner(
    string conferenceId,
    IGrainFactory grains,
    ITelephony telephony,
    TimeProvider time,
    ILogger log)
{
    /// <summary>How many agents the queue may hand out before a caller gives up for this turn (each refused agent is stale in the queue).</summary>
    private const int ReservationAttempts = 5;

    /// <summary>Twilio's error 21220 (https://www.twilio.com/docs/api/errors/21220): "You attempted a realtime operation on a Call that was not in-progress."</summary>
    private const int CallNotInProgress = 21220;

    private IQueueGrain Queue => grains.Reference<IQueueGrain>(QueueNames.Support);

    private IAgentGrain Agent(string agentId) => grains.Reference<IAgentGrain>(agentId);

    public async Task<IReadOnlyList<ConferenceInput>> RunAsync(ConferenceEffect effect, ConferenceState state)
    {
        try
        {
            return effect switch
            {
                AcquireAgent => [await AcquireAgentAsync(state)],
                ReserveTransferTarget reserve => [await ReserveTargetAsync(reserve)],
                DialAgent dial => [await DialAsync(dial)],
                HangUpLeg hangUp => await HangUpAsync(hangUp.CallSid),
                SetHold hold => await OnParticipantAsync(state, hold, sid => telephony.SetHoldAsync(sid, hold.CallSid, hold.Hold)),
                SetEndConferenceOnExit flag => await OnParticipantAsync(state, flag,
                    sid => telephony.SetEndConferenceOnExitAsync(sid, flag.CallSid, flag.EndConferenceOnExit)),
                CheckCall check => await telephony.FetchCallStatusAsync(check.CallSid) is { } status
                    ? [new CallStatusReceived(new CallStatusReport(check.CallSid, status))]
                    : [],
                ReleaseAgent release => await Done(Agent(release.AgentId).ReleaseAsync(conferenceId, release.Outcome)),
                MarkAgentJoined joined => await Done(Agent(joined.AgentId).JoinedAsync(conferenceId)),
                NotifyAgent notify => await Done(Agent(notify.AgentId).NotifyAsync(new AgentNotice(conferenceId, notify.Message, time.GetUtcNow()))),
                WithdrawFromQueue => await Done(Queue.WithdrawAsync(conferenceId)),
                _ => throw new ArgumentOutOfRangeException(nameof(effect), effect, "Unknown conference effect."),
            };
        }
        catch (Exception ex) when (ex is not ArgumentOutOfRangeException)
        {
            LogEffectFailed(log, ex, effect.GetType().Name, conferenceId, ex.Message);
            return effect switch
            {
                AcquireAgent => [new NoAgentFree()],
                ReserveTransferTarget => [new TransferTargetRefused("The transfer could not be started; please try again.")],
                DialAgent dial => [new AgentLegNotPlaced(dial.AgentId, dial.Role, ex.Message)],
                _ => [new EffectFailed(effect, ex.Message)],
            };
        }
    }

    private async Task<ConferenceInput> AcquireAgentAsync(ConferenceState state)
    {
        var waitingSince = state.StartedAt ?? time.GetUtcNow();
        for (var attempt = 0; attempt < ReservationAttempts; attempt++)
        {
            if (await Queue.RequestAgentAsync(conferenceId, waitingSince) is not { } agentId)
            {
                return new NoAgentFree();
            }

            if (await Agent(agentId).TryReserveAsync(conferenceId))
            {
                await Queue.WithdrawAsync(conferenceId);
                return new AgentReserved(agentId);
            }
        }

        await Queue.NoAgentTakenAsync(conferenceId);
        return new NoAgentFree();
    }

    private async Task<ConferenceInput> ReserveTargetAsync(ReserveTransferTarget reserve)
    {
        if (reserve.TargetId is { } targetId)
        {
            return await Agent(targetId).TryReserveAsync(conferenceId)
                ? new TransferTargetReserved(reserve.TransfererId, targetId)
                : new TransferTargetRefused($"{targetId} is not available.");
        }

        for (var attempt = 0; attempt < ReservationAttempts; attempt++)
        {
            if (await Queue.TakeAnyAgentAsync([reserve.TransfererId]) is not { } agentId)
            {
                break;
            }

            if (await Agent(agentId).TryReserveAsync(conferenceId))
            {
                return new TransferTargetReserved(reserve.TransfererId, agentId);
            }
        }

        return new TransferTargetRefused("No other agent is available.");
    }

    /// <summary>
    /// Twilio's call records carry nothing we send but To and From, so a call is recognised by its To (the agent's browser,
    /// reserved for this conference since before the attempt) and its creation time. Twilio's date_created has whole seconds.
    /// </summary>
    private static readonly TimeSpan CreationTolerance = TimeSpan.FromSeconds(3);

    private async Task<ConferenceInput> DialAsync(DialAgent dial)
    {
        if (dial.AttemptedAt is { } attempted && await FindPlacedAsync(dial, attempted) is { } placed)
        {
            return placed;
        }

        var attempt = time.GetUtcNow();
        TelephonyException unanswered;
        try
        {
            var callSid = await telephony.DialAgentAsync(conferenceId, dial.AgentId);
            return new AgentLegPlaced(dial.AgentId, dial.Role, callSid);
        }
        catch (TelephonyException ex) when (ex.Code is null && !ex.NotSent)
        {
            unanswered = ex;
        }

        // No answer from Twilio (a timeout, a dropped connection) says nothing about whether the call was placed.
        return await FindPlacedAsync(dial, attempt) ?? throw new TelephonyException(unanswered.Message, null, unanswered);
    }

    private async Task<AgentLegPlaced?> FindPlacedAsync(DialAgent dial, DateTimeOffset attempted)
    {
        if (await telephony.FindAgentCallAsync(dial.AgentId, attempted - CreationTolerance) is not { } callSid)
        {
            return null;
        }

        LogDialFound(log, dial.AgentId, conferenceId, callSid);
        return new AgentLegPlaced(dial.AgentId, dial.Role, callSid);
    }

    /// <summary>Participant updates address the leg inside the conference's ConferenceSid, looked up by friendly name if no callback has told us yet.</summary>
    private async Task<IReadOnlyList<ConferenceInput>> OnParticipantAsync(ConferenceState state, ConferenceEffect effect, Func<string, Task<ParticipantSnapshot>> update)
    {
        var conferenceSid = state.ConferenceSid ?? await telephony.FindConferenceSidAsync(conferenceId);
        if (conferenceSid is null)
        {
            return [new EffectFailed(effect, "Twilio has no live conference for this call yet.")];
        }

        var observed = new ParticipantObserved(await update(conferenceSid));
        return state.ConferenceSid is null ? [new ConferenceSidFound(conferenceSid), observed] : [observed];
    }

    /// <summary>A call that is already over needs no hang-up: Twilio refuses to update it with error 21220 ("Call is not in-progress").</summary>
    private async Task<IReadOnlyList<ConferenceInput>> HangUpAsync(string callSid)
    {
        try
        {
            await telephony.HangUpAsync(callSid);
        }
        catch (TelephonyException ex) when (ex.Code == CallNotInProgress)
        {
        }

        return [];
    }

    private static async Task<IReadOnlyList<ConferenceInput>> Done(Task task)
    {
        await task;
        return [];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} had been dialled into conference {ConferenceId} though the answer was lost: CallSid {CallSid}")]
    private static partial void LogDialFound(ILogger logger, string agentId, string conferenceId, string callSid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Effect} failed for conference {ConferenceId}: {Reason}")]
    private static partial void LogEffectFailed(ILogger logger, Exception exception, string effect, string conferenceId, string reason);
}
