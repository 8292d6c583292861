using System.Text.Json;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Api.V2010.Account.Conference;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.EmulatorTests;

/// <summary>The emulator itself, through the real Twilio SDK and a stand-in app: it must behave like Twilio for the app's tests to mean anything.</summary>
[Trait("Tier", Tier.Http)]
public sealed class FakeTwilioTests : EmulatorTest
{
    [Fact]
    public void Signatures_match_twilios_documented_example_and_the_sdk()
    {
        var form = new Dictionary<string, string>
        {
            ["CallSid"] = "CA1234567890ABCDE",
            ["Caller"] = "+12349013030",
            ["Digits"] = "1234",
            ["From"] = "+12349013030",
            ["To"] = "+18005551212",
        };

        var signature = TwilioSignature.Compute("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", form);

        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", signature);
        Assert.True(new Twilio.Security.RequestValidator("12345").Validate("https://mycompany.com/myapp.php?foo=1&bar=2", form, signature));
    }

    [Fact]
    public async Task A_created_call_is_answered_first_then_rings_with_callbacks_in_order_and_signed()
    {
        var call = await CallResource.CreateAsync(new CreateCallOptions(new Twilio.Types.Client("alice"), new Twilio.Types.PhoneNumber("+15559990000"))
        {
            Url = Url("/answer"),
            StatusCallback = Url("/status"),
            StatusCallbackEvent = ["initiated", "ringing", "answered", "completed"],
        }, Client);
        App.Twiml["/answer"] = "<Response><Say>hi</Say><Hangup/></Response>";

        Assert.StartsWith("CA", call.Sid);
        Assert.Equal(CallResource.StatusEnum.Queued, call.Status);
        Assert.Equal("client:alice", call.To);
        var ringing = await Twilio.RingingAsync("alice");
        Twilio.Answer(ringing);
        await Twilio.WaitUntilAsync(() => !ringing.IsLive, "the call to end after its TwiML");

        Assert.Equal(["initiated", "ringing", "in-progress", "completed"], App.Events("/status").Select(f => f["CallStatus"]));
        Assert.Equal(["0", "1", "2", "3"], App.Events("/status").Select(f => f["SequenceNumber"]));
        Assert.All(App.Received, r => Assert.True(r.SignatureValid, $"unsigned or badly signed {r.Path}"));
        Assert.Equal("in-progress", App.Events("/answer").Single()["CallStatus"]);
    }

    [Fact]
    public async Task Conferences_take_their_callbacks_from_the_first_participant_and_end_with_an_end_on_exit_participant()
    {
        App.Twiml["/caller"] = $"""<Response><Dial><Conference startConferenceOnEnter="false" endConferenceOnExit="true" waitUrl="{Url("/wait")}" statusCallback="{Url("/events")}" statusCallbackEvent="start end join leave hold modify">room</Conference></Dial></Response>""";
        App.Twiml["/agent"] = $"""<Response><Dial><Conference startConferenceOnEnter="true" statusCallback="{Url("/ignored")}" statusCallbackEvent="join">room</Conference></Dial></Response>""";
        App.Twiml["/wait"] = "<Response><Play loop=\"0\">http://music.test/a.mp3</Play></Response>";
        var caller = Twilio.DialIn(Url("/caller"));
        await Twilio.WaitUntilAsync(() => caller.Hearing == Audio.WaitMusic, "the caller to wait on music");

        await CallResource.CreateAsync(new CreateCallOptions(new Twilio.Types.Client("alice"), new Twilio.Types.PhoneNumber("+15559990000")) { Url = Url("/agent") }, Client);
        var agent = await Twilio.RingingAsync("alice");
        Twilio.Answer(agent);
        await Twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation, "the conference to start");
        Twilio.HangUp(caller);
        await Twilio.WaitUntilAsync(() => !agent.IsLive, "the agent to be dropped when the caller ends the conference");

        Assert.Empty(App.Events("/ignored"));
        Assert.Equal(
            ["participant-join", "participant-join", "conference-start", "participant-leave", "participant-leave", "conference-end"],
            App.Events("/events").Select(f => f["StatusCallbackEvent"]));
        var end = App.Events("/events").Last();
        Assert.Equal("participant-with-end-conference-on-exit-left", end["ReasonConferenceEnded"]);
        Assert.Equal(caller.Sid, end["CallSidEndingConference"]);
    }

    [Fact]
    public async Task Hold_plays_the_hold_url_and_end_on_exit_may_change_while_held_reported_by_a_modify_event()
    {
        App.Twiml["/caller"] = $"""<Response><Dial><Conference startConferenceOnEnter="true" statusCallback="{Url("/events")}" statusCallbackEvent="join leave hold modify">room2</Conference></Dial></Response>""";
        App.Twiml["/hold"] = "<Response><Play>http://music.test/once.mp3</Play></Response>";
        var caller = Twilio.DialIn(Url("/caller"));
        await Twilio.WaitUntilAsync(() => Twilio.Conference("room2") is not null, "the conference");
        var conferenceSid = Twilio.Read(() => Twilio.Conference("room2")!.Sid);

        var held = await ParticipantResource.UpdateAsync(new UpdateParticipantOptions(conferenceSid, caller.Sid) { Hold = true, HoldUrl = Url("/hold"), HoldMethod = global::Twilio.Http.HttpMethod.Post }, Client);
        var flagged = await ParticipantResource.UpdateAsync(new UpdateParticipantOptions(conferenceSid, caller.Sid) { EndConferenceOnExit = true }, Client);
        await Twilio.QuietAsync();

        Assert.True(held.Hold);
        Assert.True(flagged.EndConferenceOnExit);
        Assert.True(Twilio.Read(() => Twilio.Conference("room2")!.Participant(caller.Sid)!.EndConferenceOnExit));
        Assert.Equal(Audio.Silence, Twilio.Read(() => caller.Hearing));
        Assert.Equal(["participant-join", "participant-hold", "participant-modify"], ConferenceEvents());
        Assert.Equal("true", App.Events("/events").Last()["EndConferenceOnExit"]);
    }

    [Fact]
    public async Task Errors_surface_in_the_sdk_with_twilios_codes()
    {
        var unknown = await Assert.ThrowsAsync<ApiException>(() => CallResource.UpdateAsync(new UpdateCallOptions("CA" + new string('0', 32)) { Status = CallResource.UpdateStatusEnum.Completed }, Client));
        var byFriendlyName = await Assert.ThrowsAsync<ApiException>(() => ParticipantResource.UpdateAsync(new UpdateParticipantOptions("room", "CA" + new string('0', 32)) { Hold = true }, Client));
        var wrongToken = ClientWith(TimeSpan.FromSeconds(10), authToken: "wrong_token_0123456789abcdef0123");
        var unauthorized = await Assert.ThrowsAsync<ApiException>(() => CallResource.FetchAsync(new FetchCallOptions("CA" + new string('0', 32)), wrongToken));

        App.Twiml["/end"] = "<Response><Hangup/></Response>";
        var finished = Twilio.DialIn(Url("/end"));
        await Twilio.WaitUntilAsync(() => !finished.IsLive, "the call to end");
        var ended = await Assert.ThrowsAsync<ApiException>(() => CallResource.UpdateAsync(new UpdateCallOptions(finished.Sid) { Status = CallResource.UpdateStatusEnum.Completed }, Client));

        Assert.Equal((20404, 404), (unknown.Code, unknown.Status));
        Assert.Equal(20404, byFriendlyName.Code);
        Assert.Equal((20003, 401), (unauthorized.Code, unauthorized.Status));
        Assert.Equal((21220, 400), (ended.Code, ended.Status));
    }

    [Fact]
    public async Task Cancel_stops_only_a_ringing_call_and_complete_ends_any()
    {
        App.Twiml["/agent"] = "<Response><Play loop=\"0\">http://music.test/a.mp3</Play></Response>";
        foreach (var identity in new[] { "r1", "r2", "r3" })
        {
            await CallResource.CreateAsync(new CreateCallOptions(new Twilio.Types.Client(identity), new Twilio.Types.PhoneNumber("+15559990000")) { Url = Url("/agent") }, Client);
        }

        var ringing1 = await Twilio.RingingAsync("r1");
        var ringing2 = await Twilio.RingingAsync("r2");
        var answered = await Twilio.RingingAsync("r3");
        Twilio.Answer(answered);
        await Twilio.WaitUntilAsync(() => answered.Hearing == Audio.HoldMusic, "the answered call to play its music");

        await CallResource.UpdateAsync(new UpdateCallOptions(ringing1.Sid) { Status = CallResource.UpdateStatusEnum.Canceled }, Client);
        await CallResource.UpdateAsync(new UpdateCallOptions(ringing2.Sid) { Status = CallResource.UpdateStatusEnum.Completed }, Client);
        await CallResource.UpdateAsync(new UpdateCallOptions(answered.Sid) { Status = CallResource.UpdateStatusEnum.Canceled }, Client);
        var stillUp = Twilio.Read(() => answered.Status);
        await CallResource.UpdateAsync(new UpdateCallOptions(answered.Sid) { Status = CallResource.UpdateStatusEnum.Completed }, Client);

        Assert.Equal((FakeCallStatus.Canceled, FakeCallStatus.Canceled), Twilio.Read(() => (ringing1.Status, ringing2.Status)));
        Assert.Equal(FakeCallStatus.InProgress, stillUp);
        Assert.Equal(FakeCallStatus.Completed, Twilio.Read(() => answered.Status));
    }

    [Fact]
    public async Task Its_json_uses_only_properties_of_twilios_openapi_schemas()
    {
        App.Twiml["/caller"] = "<Response><Dial><Conference>room3</Conference></Dial></Response>";
        var caller = Twilio.DialIn(Url("/caller"));
        await Twilio.WaitUntilAsync(() => Twilio.Conference("room3") is not null, "the conference");
        var conferenceSid = Twilio.Read(() => Twilio.Conference("room3")!.Sid);
        using var http = new System.Net.Http.HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{TestCredentials.AccountSid}:{TestCredentials.AuthToken}")));
        var root = $"{Twilio.ApiBaseUrl.AbsoluteUri.TrimEnd('/')}/2010-04-01/Accounts/{TestCredentials.AccountSid}";

        var call = await GetJson(http, $"{root}/Calls/{caller.Sid}.json");
        var conference = await GetJson(http, $"{root}/Conferences/{conferenceSid}.json");
        var participant = await GetJson(http, $"{root}/Conferences/{conferenceSid}/Participants/{caller.Sid}.json");

        AssertShape(call, "api.v2010.account.call");
        AssertShape(conference, "api.v2010.account.conference");
        AssertShape(participant, "api.v2010.account.conference.participant");
        Assert.Equal(conferenceSid, (await ConferenceResource.ReadAsync(new ReadConferenceOptions { FriendlyName = "room3" }, Client)).Single().Sid);
    }

    private static async Task<JsonElement> GetJson(System.Net.Http.HttpClient http, string url) =>
        JsonDocument.Parse(await http.GetStringAsync(url)).RootElement.Clone();

    private static void AssertShape(JsonElement resource, string schema)
    {
        var allowed = OpenApi.SchemaProperties(schema);
        Assert.All(resource.EnumerateObject(), property => Assert.Contains(property.Name, allowed));
    }
}
