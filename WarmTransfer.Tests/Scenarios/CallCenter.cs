using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Scenarios;

/// <summary>The whole system for one test: the real web host (embedded silo) wired to a Twilio emulator, and signed-in agents.</summary>
public sealed class CallCenter : IAsyncDisposable
{
    private readonly Dictionary<string, AgentSession> _agents = [];

    private CallCenter(FakeTwilio twilio, TestWebHost host)
    {
        Twilio = twilio;
        Host = host;
    }

    public FakeTwilio Twilio { get; }

    public TestWebHost Host { get; }

    public Uri VoiceUrl => new(Host.PublicBaseUrl, "/conference/connect/client");

    public static async Task<CallCenter> StartAsync(
        CallbackChaos? chaos = null, Action<Dictionary<string, string?>>? configure = null, TwilioFaults? faults = null, Action<WebApplicationBuilder>? services = null)
    {
        var twilio = await FakeTwilio.StartAsync(chaos, faults: faults);
        var host = await TestWebHost.StartAsync(settings =>
        {
            settings["Twilio:ApiBaseUrl"] = twilio.ApiBaseUrl.ToString();
            settings["WarmTransfer:UnreportedLegCheck"] = "00:00:01";
            configure?.Invoke(settings);
        }, services);
        if (host.PublicBaseUrl.Host != "127.0.0.1")
        {
            twilio.Tunnel(host.PublicBaseUrl, host.BaseUrl);
        }

        return new CallCenter(twilio, host);
    }

    /// <summary>The agent signs in and fetches a Voice token, which makes them available.</summary>
    public async Task<AgentSession> ConnectAsync(string agentId)
    {
        var session = await AgentSession.SignInAsync(Host, agentId);
        await session.ConnectAsync();
        _agents[agentId] = session;
        return session;
    }

    public AgentSession Agent(string agentId) => _agents[agentId];

    public Task<AgentView> AgentViewAsync(string agentId) => Host.Grains.GetGrain<IAgentGrain>(agentId).GetAsync();

    /// <summary>Retried as the web retries: a read that reaches a call letting its activation go at rest may be forwarded too often and refused.</summary>
    public Task<ConferenceView> ConferenceAsync(string conferenceId) => GrainCalls.WithRetryAsync(() => Host.Grains.GetGrain<IConferenceGrain>(conferenceId).GetAsync());

    /// <summary>A caller dials in and the agent answers the ring; returns the caller's call and the agent's leg.</summary>
    public async Task<(FakeCall Caller, FakeCall AgentLeg)> CallAnsweredByAsync(string agentId)
    {
        var caller = Twilio.DialIn(VoiceUrl);
        var ring = await Twilio.RingingAsync(agentId);
        Twilio.Answer(ring);
        await WaitForPhaseAsync(caller.Sid, ConferencePhase.Connected);
        return (caller, ring);
    }

    /// <summary>The agent asks to transfer the call to the target, whose browser rings; returns the target's leg.</summary>
    public async Task<FakeCall> TransferRingsAsync(string transfererId, string targetId)
    {
        await CommandAsync(transfererId, "transfer", new TransferRequest(targetId));
        return await Twilio.RingingAsync(targetId);
    }

    /// <summary>The agent transfers and the target answers: the two consult while the caller holds; returns the target's leg.</summary>
    public async Task<FakeCall> ConsultAsync(FakeCall caller, string transfererId, string targetId)
    {
        var targetLeg = await TransferRingsAsync(transfererId, targetId);
        Twilio.Answer(targetLeg);
        await WaitForPhaseAsync(caller.Sid, ConferencePhase.Consulting);
        return targetLeg;
    }

    /// <summary>The caller's participant flags and what the caller hears, read atomically from the emulator.</summary>
    public (bool Hold, Audio Hearing) Caller(FakeCall caller) =>
        Twilio.Read(() => (Twilio.Conference(caller.Sid)?.Participant(caller.Sid)?.Hold ?? false, caller.Hearing));

    /// <summary>Whether Twilio would end the conference when this leg leaves.</summary>
    public bool EndsConferenceOnExit(FakeCall caller, FakeCall leg) =>
        Twilio.Read(() => Twilio.Conference(caller.Sid)?.Participant(leg.Sid)?.EndConferenceOnExit ?? false);

    public async Task<ConferenceView> WaitForPhaseAsync(string conferenceId, ConferencePhase phase) =>
        await Eventually.Until(() => ConferenceAsync(conferenceId), view => view.Phase == phase, $"conference {conferenceId} to be {phase}");

    /// <summary>An agent's command through the HTTP API; asserts it was accepted.</summary>
    public async Task<ConferenceView> CommandAsync(string agentId, string path, object? body = null)
    {
        using var response = await Agent(agentId).PostAsync($"/agents/{agentId}/{path}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{agentId} {path}: {(int)response.StatusCode} {text}");
        return System.Text.Json.JsonSerializer.Deserialize<ConferenceView>(text, Json.Options)!;
    }

    public async Task<AgentSnapshot> SnapshotAsync(string agentId) => (await Agent(agentId).Client.GetFromJsonAsync<AgentSnapshot>($"/agents/{agentId}", Json.Options))!;

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _agents.Values)
        {
            session.Dispose();
        }

        await Host.DisposeAsync();
        await Twilio.DisposeAsync();
    }
}
