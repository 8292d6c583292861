namespace WarmTransfer.Grains.Conferences;

/// <summary>One caller's conference, keyed by the caller's CallSid (which is also the conference's friendly name).</summary>
[Alias("IConferenceGrain")]
public interface IConferenceGrain : IGrainWithStringKey
{
    [Alias("GetAsync")]
    Task<ConferenceView> GetAsync();

    /// <summary>The caller dialled in: they join the conference and wait while an available agent is rung. Idempotent.</summary>
    [Alias("AdmitCallerAsync")]
    Task<CallerAdmission> AdmitCallerAsync(IncomingCall call);

    /// <summary>
    /// The caller's &lt;Dial&gt; ended and Twilio runs the TwiML after it: back into the conference while they still wait
    /// (the wait URL could not be fetched), or hang up when the call is over. Idempotent.
    /// </summary>
    [Alias("ReturnCallerAsync")]
    Task<CallerAdmission> ReturnCallerAsync();

    /// <summary>An agent's leg answered and asks how to join. Idempotent.</summary>
    [Alias("ConnectAgentAsync")]
    Task<AgentConnection> ConnectAgentAsync(string agentId, string callSid);

    /// <summary>A conference status callback from Twilio. Stale and repeated events change nothing.</summary>
    [Alias("OnConferenceEventAsync")]
    Task OnConferenceEventAsync(ConferenceEvent conferenceEvent);

    /// <summary>A call status callback from Twilio for one of the legs of this conference. Statuses only move forward.</summary>
    [Alias("OnCallStatusAsync")]
    Task OnCallStatusAsync(CallStatusReport report);

    /// <summary>The router says an agent may have become free; a queued caller asks for one.</summary>
    [OneWay, Alias("AgentMayBeAvailableAsync")]
    Task AgentMayBeAvailableAsync();

    /// <summary>An agent grain that believes it is on this call asks; it is released if it has no leg here any more.</summary>
    [OneWay, Alias("CheckInAsync")]
    Task CheckInAsync(string agentId);

    /// <summary>Asks Twilio's REST API about the conference and its legs and applies what it says (a callback could not be processed).</summary>
    [Alias("ReconcileAsync")]
    Task ReconcileAsync();

    /// <summary>The handling agent puts the caller on hold and rings the target (any available agent when null).</summary>
    [Alias("StartTransferAsync")]
    Task<CommandResult> StartTransferAsync(string agentId, string? targetAgentId);

    /// <summary>The transferer takes the caller off hold so all three talk.</summary>
    [Alias("JoinThreeWayAsync")]
    Task<CommandResult> JoinThreeWayAsync(string agentId);

    /// <summary>The transferer hands the caller to the target and leaves.</summary>
    [Alias("CompleteTransferAsync")]
    Task<CommandResult> CompleteTransferAsync(string agentId);

    /// <summary>The transferer hangs up on the target and takes the caller back.</summary>
    [Alias("CancelTransferAsync")]
    Task<CommandResult> CancelTransferAsync(string agentId);

    /// <summary>The handling agent puts the caller on hold or takes them off it.</summary>
    [Alias("HoldCallerAsync")]
    Task<CommandResult> HoldCallerAsync(string agentId, bool hold);

    /// <summary>The agent leaves the conference.</summary>
    [Alias("HangUpAsync")]
    Task<CommandResult> HangUpAsync(string agentId);
}
