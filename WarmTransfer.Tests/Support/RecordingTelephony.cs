using System.Collections.Concurrent;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Telephony;

namespace WarmTransfer.Tests.Support;

/// <summary>A telephony port that records what the grains ask for and answers like Twilio would, without a network.</summary>
public sealed class RecordingTelephony : ITelephony
{
    private readonly ConcurrentQueue<TelephonyRequest> _requests = new();
    private readonly ConcurrentDictionary<string, bool> _unreachableAgents = new();
    private readonly ConcurrentDictionary<string, Grains.Conferences.CallStatus> _statuses = new();
    private readonly ConcurrentDictionary<string, ParticipantSnapshot> _participants = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _placedAt = new();
    private readonly ConcurrentDictionary<string, (Task Release, TaskCompletionSource Waiting)> _heldDials = new();

    public IReadOnlyList<TelephonyRequest> Requests => [.. _requests];

    public IReadOnlyList<TelephonyRequest.Dial> DialsFor(string conferenceId) =>
        [.. _requests.OfType<TelephonyRequest.Dial>().Where(d => d.ConferenceId == conferenceId)];

    public IReadOnlyList<TelephonyRequest> About(string callSid) =>
        [.. _requests.Where(r => r switch
        {
            TelephonyRequest.Dial d => d.CallSid == callSid,
            TelephonyRequest.HangUp h => h.CallSid == callSid,
            TelephonyRequest.Hold h => h.CallSid == callSid,
            TelephonyRequest.EndConferenceOnExit e => e.CallSid == callSid,
            TelephonyRequest.FetchCall f => f.CallSid == callSid,
            _ => false,
        })];

    public void MakeUnreachable(string agentId) => _unreachableAgents[agentId] = true;

    /// <summary>What the REST API answers from now on when asked about this call (unknown calls: nothing).</summary>
    public void SetCallStatus(string callSid, Grains.Conferences.CallStatus status) => _statuses[callSid] = status;

    /// <summary>The next dial to the agent waits, as for a slow REST answer, until release completes; the task returned completes once it waits.</summary>
    public Task HoldNextDial(string agentId, Task release)
    {
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _heldDials[agentId] = (release, waiting);
        return waiting.Task;
    }

    public async Task<string> DialAgentAsync(string conferenceId, string agentId)
    {
        if (_heldDials.TryRemove(agentId, out var held))
        {
            held.Waiting.SetResult();
            await held.Release;
        }

        if (_unreachableAgents.ContainsKey(agentId))
        {
            throw new TelephonyException($"Twilio refused to call client:{agentId}.", 21217);
        }

        var callSid = Sid.Call();
        _placedAt[callSid] = DateTimeOffset.UtcNow;
        _requests.Enqueue(new TelephonyRequest.Dial(conferenceId, agentId, callSid));
        return callSid;
    }

    /// <summary>The calls this port placed to the agent, as Twilio's Calls list filtered by To would show them.</summary>
    public Task<string?> FindAgentCallAsync(string agentId, DateTimeOffset createdSince)
    {
        _requests.Enqueue(new TelephonyRequest.FindAgentCall(agentId));
        return Task.FromResult(_requests.OfType<TelephonyRequest.Dial>().FirstOrDefault(d => d.AgentId == agentId && _placedAt[d.CallSid] >= createdSince)?.CallSid);
    }

    /// <summary>As on Twilio, the call is over from then on (its status callback is the test's to play).</summary>
    public Task HangUpAsync(string callSid)
    {
        _statuses[callSid] = Grains.Conferences.CallStatus.Completed;
        return Record(new TelephonyRequest.HangUp(callSid));
    }

    public Task<ParticipantSnapshot> SetHoldAsync(string conferenceSid, string callSid, bool hold)
    {
        _requests.Enqueue(new TelephonyRequest.Hold(conferenceSid, callSid, hold));
        return Task.FromResult(_participants.AddOrUpdate(callSid, new ParticipantSnapshot(callSid, hold, false), (_, p) => p with { Hold = hold }));
    }

    public Task<ParticipantSnapshot> SetEndConferenceOnExitAsync(string conferenceSid, string callSid, bool endConferenceOnExit)
    {
        _requests.Enqueue(new TelephonyRequest.EndConferenceOnExit(conferenceSid, callSid, endConferenceOnExit));
        return Task.FromResult(_participants.AddOrUpdate(callSid, new ParticipantSnapshot(callSid, false, endConferenceOnExit), (_, p) => p with { EndConferenceOnExit = endConferenceOnExit }));
    }

    /// <summary>No live conference is known here: reconciliation reads find nothing to correct.</summary>
    public Task<IReadOnlyList<ParticipantSnapshot>?> ListParticipantsAsync(string conferenceSid)
    {
        _requests.Enqueue(new TelephonyRequest.ListParticipants(conferenceSid));
        return Task.FromResult<IReadOnlyList<ParticipantSnapshot>?>(null);
    }

    public Task<Grains.Conferences.CallStatus?> FetchCallStatusAsync(string callSid)
    {
        _requests.Enqueue(new TelephonyRequest.FetchCall(callSid));
        return Task.FromResult<Grains.Conferences.CallStatus?>(_statuses.TryGetValue(callSid, out var status) ? status : null);
    }

    public Task<string?> FindConferenceSidAsync(string friendlyName)
    {
        _requests.Enqueue(new TelephonyRequest.FindConference(friendlyName));
        return Task.FromResult<string?>(null);
    }

    private Task Record(TelephonyRequest request)
    {
        _requests.Enqueue(request);
        return Task.CompletedTask;
    }
}
