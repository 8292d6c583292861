using WarmTransfer.Grains.Telephony;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Http;

/// <summary>The TwiML an answering agent's leg gets, with Twilio's callbacks posted signed to the real host.</summary>
[Trait("Tier", Tier.Http)]
public sealed class AgentConnectTwimlTests : IAsyncLifetime
{
    private readonly RecordingTelephony _telephony = new();
    private TestWebHost _host = null!;
    private HttpClient _twilio = null!;
    private SignedWebhooks _webhooks = null!;

    public async Task InitializeAsync()
    {
        _host = await TestWebHost.StartAsync(services: builder => builder.Services.AddSingleton<ITelephony>(_telephony));
        _twilio = _host.CreateClient();
        _webhooks = new SignedWebhooks(_host, _twilio);
    }

    public async Task DisposeAsync()
    {
        _twilio.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task The_first_agent_starts_the_conference_and_ends_it_on_exit()
    {
        var (conferenceId, aliceLeg) = await CallRingingAliceAsync();

        var conference = await ConnectAsync(conferenceId, "alice", aliceLeg);

        Assert.Equal(conferenceId, conference.Value);
        Assert.Equal("true", (string?)conference.Attribute("startConferenceOnEnter"));
        Assert.Equal("true", (string?)conference.Attribute("endConferenceOnExit"));
        Assert.Equal($"alice:{aliceLeg}", (string?)conference.Attribute("participantLabel"));
        Assert.Null(conference.Attribute("waitUrl"));
    }

    [Fact]
    public async Task A_transfer_target_joins_without_ending_the_conference_until_the_transfer_completes()
    {
        var (conferenceId, aliceLeg) = await CallRingingAliceAsync();
        await ConnectAsync(conferenceId, "alice", aliceLeg);
        await JoinAsync(conferenceId, aliceLeg, sequence: 2);
        using var bob = await AgentSession.SignInAsync(_host, "bob");
        await bob.ConnectAsync();
        using var alice = await AgentSession.SignInAsync(_host, "alice");

        using var transfer = await alice.PostFormAsync("/conference/alice/call", [new("to", "bob")]);
        transfer.EnsureSuccessStatusCode();
        var bobLeg = Assert.Single(_telephony.DialsFor(conferenceId), d => d.AgentId == "bob").CallSid;

        var conference = await ConnectAsync(conferenceId, "bob", bobLeg);

        Assert.Equal("true", (string?)conference.Attribute("startConferenceOnEnter"));
        Assert.Equal("false", (string?)conference.Attribute("endConferenceOnExit"));
    }

    private async Task<(string ConferenceId, string AliceLeg)> CallRingingAliceAsync()
    {
        using var alice = await AgentSession.SignInAsync(_host, "alice");
        await alice.ConnectAsync();
        var conferenceId = Sid.Call();
        (await _webhooks.PostAsync("/conference/connect/client", _webhooks.IncomingCall(conferenceId))).EnsureSuccessStatusCode();
        await JoinAsync(conferenceId, conferenceId, sequence: 1);
        return (conferenceId, Assert.Single(_telephony.DialsFor(conferenceId)).CallSid);
    }

    private async Task<System.Xml.Linq.XElement> ConnectAsync(string conferenceId, string agentId, string callSid)
    {
        var twiml = await TwimlDocument.ReadAsync(await _webhooks.PostAsync($"/conference/{conferenceId}/connect/{agentId}",
            new Dictionary<string, string> { ["CallSid"] = callSid, ["To"] = $"client:{agentId}", ["CallStatus"] = "in-progress" }));
        var dial = Assert.Single(twiml.Elements());
        return Assert.Single(dial.Elements());
    }

    private async Task JoinAsync(string conferenceId, string callSid, int sequence) =>
        (await _webhooks.PostAsync($"/conference/{conferenceId}/events", new Dictionary<string, string>
        {
            ["ConferenceSid"] = "CF" + conferenceId[2..],
            ["FriendlyName"] = conferenceId,
            ["StatusCallbackEvent"] = "participant-join",
            ["CallSid"] = callSid,
            ["SequenceNumber"] = sequence.ToString(),
        })).EnsureSuccessStatusCode();
}
