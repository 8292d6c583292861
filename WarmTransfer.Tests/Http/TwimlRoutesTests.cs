using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Http;

[Trait("Tier", Tier.Http)]
public sealed class TwimlRoutesTests(WebHostFixture fixture) : IClassFixture<WebHostFixture>
{
    private TestWebHost Host => fixture.Host;

    [Fact]
    public async Task An_incoming_call_joins_its_own_conference_on_wait_music_and_ends_it_on_exit()
    {
        using var client = Host.CreateClient();
        var webhooks = new SignedWebhooks(Host, client);
        var callSid = Sid.Call();

        var twiml = await TwimlDocument.ReadAsync(await webhooks.PostAsync("/conference/connect/client", webhooks.IncomingCall(callSid)));

        var verbs = twiml.Elements().ToList();
        Assert.Equal(["Dial", "Redirect"], verbs.Select(v => v.Name.LocalName));
        var dial = verbs[0];
        var conference = Assert.Single(dial.Elements());
        Assert.Equal("Conference", conference.Name.LocalName);
        Assert.Equal(callSid, conference.Value);
        var publicBase = Host.PublicBaseUrl.AbsoluteUri.TrimEnd('/');
        Assert.Equal("false", (string?)conference.Attribute("startConferenceOnEnter"));
        Assert.Equal("true", (string?)conference.Attribute("endConferenceOnExit"));
        Assert.Equal($"{publicBase}/conference/wait", (string?)conference.Attribute("waitUrl"));
        Assert.Equal("POST", (string?)conference.Attribute("waitMethod"));
        Assert.Equal($"{publicBase}/conference/{callSid}/events", (string?)conference.Attribute("statusCallback"));
        Assert.Equal("POST", (string?)conference.Attribute("statusCallbackMethod"));
        Assert.Equal("start end join leave hold modify", (string?)conference.Attribute("statusCallbackEvent"));
        Assert.Equal("false", (string?)conference.Attribute("beep"));
        Assert.Equal("caller", (string?)conference.Attribute("participantLabel"));
        Assert.Equal($"{publicBase}/conference/{callSid}/return?attempt=1", verbs[1].Value);
        Assert.Equal("POST", (string?)verbs[1].Attribute("method"));
    }

    [Fact]
    public async Task The_wait_music_loops_forever_after_the_message_so_the_caller_never_hears_silence()
    {
        using var client = Host.CreateClient();
        var webhooks = new SignedWebhooks(Host, client);

        var twiml = await TwimlDocument.ReadAsync(await webhooks.PostAsync("/conference/wait", new Dictionary<string, string> { ["QueuePosition"] = "1" }));

        var verbs = twiml.Elements().ToList();
        Assert.Equal(["Say", "Play"], verbs.Select(v => v.Name.LocalName));
        Assert.Contains("connect you to an agent", verbs[0].Value);
        Assert.Equal("0", (string?)verbs[1].Attribute("loop"));
        Assert.StartsWith("http", verbs[1].Value);
    }

    [Fact]
    public async Task Hold_music_loops_forever()
    {
        using var client = Host.CreateClient();
        var webhooks = new SignedWebhooks(Host, client);

        var twiml = await TwimlDocument.ReadAsync(await webhooks.PostAsync("/conference/hold", new Dictionary<string, string> { ["CallSid"] = Sid.Call() }));

        var play = Assert.Single(twiml.Elements());
        Assert.Equal(("Play", "0"), (play.Name.LocalName, (string?)play.Attribute("loop")));
    }

    [Fact]
    public async Task An_agent_leg_the_conference_never_placed_hears_why_and_hangs_up()
    {
        using var client = Host.CreateClient();
        var webhooks = new SignedWebhooks(Host, client);
        var conferenceId = Sid.Call();

        var twiml = await TwimlDocument.ReadAsync(await webhooks.PostAsync(
            $"/conference/{conferenceId}/connect/alice", new Dictionary<string, string> { ["CallSid"] = Sid.Call(), ["To"] = "client:alice" }));

        Assert.Equal(["Say", "Hangup"], twiml.Elements().Select(v => v.Name.LocalName));
    }

    [Fact]
    public async Task A_repeated_incoming_call_webhook_gets_the_same_twiml()
    {
        using var client = Host.CreateClient();
        var webhooks = new SignedWebhooks(Host, client);
        var form = webhooks.IncomingCall(Sid.Call());

        var first = await (await webhooks.PostAsync("/conference/connect/client", form)).Content.ReadAsStringAsync();
        var second = await (await webhooks.PostAsync("/conference/connect/client", form)).Content.ReadAsStringAsync();

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_waiting_caller_whose_dial_ended_goes_back_into_the_conference_and_later_waits_on_twilios_own_music()
    {
        using var client = Host.CreateClient();
        var webhooks = new SignedWebhooks(Host, client);
        var callSid = Sid.Call();
        await webhooks.PostAsync("/conference/connect/client", webhooks.IncomingCall(callSid));
        var publicBase = Host.PublicBaseUrl.ToString().TrimEnd('/');

        var first = await TwimlDocument.ReadAsync(await webhooks.PostAsync($"/conference/{callSid}/return?attempt=1", webhooks.IncomingCall(callSid)));
        var second = await TwimlDocument.ReadAsync(await webhooks.PostAsync($"/conference/{callSid}/return?attempt=2", webhooks.IncomingCall(callSid)));

        Assert.Equal(["Dial", "Redirect"], first.Elements().Select(v => v.Name.LocalName));
        Assert.Equal($"{publicBase}/conference/wait", (string?)first.Elements().First().Elements().Single().Attribute("waitUrl"));
        Assert.Equal($"{publicBase}/conference/{callSid}/return?attempt=2", first.Elements().Last().Value);
        Assert.Null(second.Elements().First().Elements().Single().Attribute("waitUrl"));
        Assert.Equal($"{publicBase}/conference/{callSid}/return?attempt=3", second.Elements().Last().Value);
    }

    [Fact]
    public async Task A_caller_whose_call_is_over_or_unknown_is_not_put_back()
    {
        using var client = Host.CreateClient();
        var webhooks = new SignedWebhooks(Host, client);
        var unknown = Sid.Call();

        var twiml = await TwimlDocument.ReadAsync(await webhooks.PostAsync($"/conference/{unknown}/return?attempt=1", webhooks.IncomingCall(unknown)));

        Assert.Equal(["Hangup"], twiml.Elements().Select(v => v.Name.LocalName));
    }

    [Fact]
    public async Task A_caller_put_back_too_often_hears_sorry_and_a_malformed_attempt_is_refused()
    {
        using var client = Host.CreateClient();
        var webhooks = new SignedWebhooks(Host, client);
        var callSid = Sid.Call();

        var tooOften = await TwimlDocument.ReadAsync(await webhooks.PostAsync($"/conference/{callSid}/return?attempt=11", webhooks.IncomingCall(callSid)));
        using var malformed = await webhooks.PostAsync($"/conference/{callSid}/return?attempt=0", webhooks.IncomingCall(callSid));

        Assert.Equal(["Say", "Hangup"], tooOften.Elements().Select(v => v.Name.LocalName));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, malformed.StatusCode);
    }
}
