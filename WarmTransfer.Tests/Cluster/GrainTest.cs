using System.Collections.Concurrent;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Cluster;

/// <summary>
/// Base of the grain tests: fresh agents and callers per test, Twilio's callbacks played by hand, and clean-up that
/// hangs up every caller and takes every agent offline so the shared queue starts empty for the next test.
/// </summary>
public abstract class GrainTest(ClusterFixture fixture) : IAsyncLifetime
{
    private readonly List<string> _agents = [];
    private readonly List<string> _callers = [];
    private readonly ConcurrentDictionary<string, string> _conferenceSids = new();
    private int _sequence;

    protected IGrainFactory Grains => fixture.Grains;

    protected ClusterFixture Fixture => fixture;

    protected RecordingTelephony Telephony => fixture.Telephony;

    protected IAgentGrain Agent(string agentId) => Grains.GetGrain<IAgentGrain>(agentId);

    protected IConferenceGrain Conference(string conferenceId) => Grains.GetGrain<IConferenceGrain>(conferenceId);

    protected string ConferenceSidOf(string conferenceId) => _conferenceSids.GetOrAdd(conferenceId, _ => Sid.Conference());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var caller in _callers)
        {
            await Conference(caller).OnCallStatusAsync(new CallStatusReport(caller, CallStatus.Completed));
        }

        foreach (var agent in _agents)
        {
            await Agent(agent).ChoosePresenceAsync(AgentPresence.Offline);
        }
    }

    protected async Task<string> AvailableAgent(string name)
    {
        var agentId = Sid.Agent(name);
        _agents.Add(agentId);
        await Agent(agentId).ConnectAsync();
        return agentId;
    }

    protected async Task<string> CallerArrives()
    {
        var callSid = Sid.Call();
        _callers.Add(callSid);
        var admission = await Conference(callSid).AdmitCallerAsync(new IncomingCall(callSid, "+15550001111", "+15559990000"));
        Assert.True(admission.Admitted);
        return callSid;
    }

    protected async Task<TelephonyRequest.Dial> DialOf(string conferenceId, string agentId) =>
        (await Eventually.Until(
            () => Task.FromResult(Telephony.DialsFor(conferenceId).LastOrDefault(d => d.AgentId == agentId)),
            dial => dial is not null,
            $"conference {conferenceId} to dial {agentId}"))!;

    /// <summary>Plays Twilio's callbacks for an agent's leg that rings, answers, fetches its TwiML and joins.</summary>
    protected async Task<AgentConnection> AnswerAsync(string conferenceId, string agentId)
    {
        var dial = await DialOf(conferenceId, agentId);
        var conference = Conference(conferenceId);
        await conference.OnCallStatusAsync(new CallStatusReport(dial.CallSid, CallStatus.Ringing));
        await conference.OnCallStatusAsync(new CallStatusReport(dial.CallSid, CallStatus.InProgress));
        var connection = await conference.ConnectAgentAsync(agentId, dial.CallSid);
        await JoinAsync(conferenceId, dial.CallSid, connection.EndConferenceOnExit);
        return connection;
    }

    protected Task JoinAsync(string conferenceId, string callSid, bool endConferenceOnExit) =>
        Event(conferenceId, ConferenceEventKind.ParticipantJoin, callSid, hold: false, endConferenceOnExit);

    protected Task Event(string conferenceId, ConferenceEventKind kind, string? callSid, bool? hold = null, bool? endConferenceOnExit = null) =>
        Conference(conferenceId).OnConferenceEventAsync(new ConferenceEvent(kind, ConferenceSidOf(conferenceId),
            Interlocked.Increment(ref _sequence), callSid, hold, endConferenceOnExit, null));

    protected async Task<bool> IsActiveAsync(string conferenceId)
    {
        var activations = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return activations.Any(a => a.GrainId == Conference(conferenceId).GetGrainId());
    }

    /// <summary>A caller connected to a fresh available agent.</summary>
    protected async Task<(string ConferenceId, string AgentId)> ConnectedCallAsync(string agentName = "alice")
    {
        var agentId = await AvailableAgent(agentName);
        var conferenceId = await CallerArrives();
        await JoinAsync(conferenceId, conferenceId, endConferenceOnExit: true);
        await AnswerAsync(conferenceId, agentId);
        return (conferenceId, agentId);
    }
}
