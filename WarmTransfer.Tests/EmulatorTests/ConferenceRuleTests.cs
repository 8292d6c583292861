using System.Text.Json;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Api.V2010.Account.Conference;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.EmulatorTests;

/// <summary>Twilio's conference rules: when a room starts, who may join it, why participants leave and rooms end, and how to list who is in.</summary>
[Trait("Tier", Tier.Http)]
public sealed class ConferenceRuleTests : EmulatorTest
{
    private static readonly string[] DocumentedLeaveReasons =
        ["conference_ended_via_api", "moderator_ended_conference", "participant_updated_via_api", "participant_hung_up", "participant_add_failed"];

    private string Joins(string room, bool start, bool endOnExit = false, string? label = null, string after = "") =>
        $"""<Response><Dial><Conference startConferenceOnEnter="{(start ? "true" : "false")}" endConferenceOnExit="{(endOnExit ? "true" : "false")}" {(label is null ? "" : $"participantLabel=\"{label}\"")} statusCallback="{Url("/events")}" statusCallbackEvent="start end join leave">{room}</Conference></Dial>{after}</Response>""";

    [Fact]
    public async Task A_room_starts_only_with_two_participants_one_of_whom_starts_it()
    {
        App.Twiml["/agent"] = Joins("r1", start: true);
        App.Twiml["/caller"] = Joins("r1", start: false);
        await DialAsync("alice");
        var agent = await Twilio.RingingAsync("alice");
        Twilio.Answer(agent);
        await Twilio.WaitUntilAsync(() => agent.Conference is not null, "the agent in the room");
        var alone = Twilio.Read(() => (agent.Conference!.Status, agent.Hearing));

        var caller = Twilio.DialIn(Url("/caller"));
        await Twilio.WaitUntilAsync(() => caller.Conference is not null, "the caller in the room");

        Assert.Equal(("init", Audio.WaitMusic), alone);
        Assert.Equal(["participant-join", "participant-join", "conference-start"], ConferenceEvents());
        Assert.Equal((Audio.Conversation, Audio.Conversation), Twilio.Read(() => (agent.Hearing, caller.Hearing)));
    }

    [Fact]
    public async Task A_taken_participant_label_keeps_the_call_out_and_it_goes_on_with_the_next_verb()
    {
        App.Twiml["/first"] = Joins("r2", start: false, label: "caller");
        App.Twiml["/second"] = Joins("r2", start: false, label: "caller", after: "<Play loop=\"0\">http://music.test/sorry.mp3</Play>");
        App.Twiml["/third"] = Joins("r2", start: false, label: "caller");
        var first = Twilio.DialIn(Url("/first"));
        await Twilio.WaitUntilAsync(() => first.Conference is not null, "the first caller in the room");

        var second = Twilio.DialIn(Url("/second"));
        var third = Twilio.DialIn(Url("/third"));
        await Twilio.WaitUntilAsync(() => second.Hearing == Audio.HoldMusic && !third.IsLive, "the second caller on the next verb, the third with none");

        Assert.Equal([first.Sid], Twilio.Read(() => Twilio.Conference("r2")!.Participants.Select(p => p.Call.Sid).ToList()));
        Assert.Equal((FakeCallStatus.InProgress, FakeCallStatus.Completed), Twilio.Read(() => (second.Status, third.Status)));
        Assert.Equal(2, Twilio.Violations.Count(v => v.StartsWith("error 16025", StringComparison.Ordinal)));
        Assert.Equal(["participant-join"], ConferenceEvents());
    }

    [Fact]
    public async Task Participants_leave_and_rooms_end_for_documented_reasons_only()
    {
        App.Twiml["/caller"] = Joins("r3", start: false, endOnExit: true, label: "caller");
        App.Twiml["/agent"] = Joins("r3", start: true, label: "agent:alice");
        var caller = Twilio.DialIn(Url("/caller"));
        await DialAsync("alice");
        Twilio.Answer(await Twilio.RingingAsync("alice"));
        await Twilio.WaitUntilAsync(() => Twilio.Conference("r3")?.Started == true, "the room to start");
        Twilio.HangUp(caller);
        await Twilio.QuietAsync();

        App.Twiml["/caller"] = Joins("r4", start: true);
        var byApi = Twilio.DialIn(Url("/caller"));
        await Twilio.WaitUntilAsync(() => byApi.Conference is not null, "a caller in the second room");
        await ConferenceResource.UpdateAsync(new UpdateConferenceOptions(Twilio.Read(() => byApi.Conference!.Sid)) { Status = ConferenceResource.UpdateStatusEnum.Completed }, Client);

        App.Twiml["/caller"] = Joins("r5", start: true);
        var kicked = Twilio.DialIn(Url("/caller"));
        await Twilio.WaitUntilAsync(() => kicked.Conference is not null, "a caller in the third room");
        await ParticipantResource.DeleteAsync(new DeleteParticipantOptions(Twilio.Read(() => kicked.Conference!.Sid), kicked.Sid), Client);
        await Twilio.QuietAsync();

        var events = App.Events("/events");
        var leaves = events.Where(e => e["StatusCallbackEvent"] == "participant-leave").ToList();
        var ends = events.Where(e => e["StatusCallbackEvent"] == "conference-end").ToList();
        Assert.All(leaves, e => Assert.Contains(e["ReasonParticipantLeft"], DocumentedLeaveReasons));
        Assert.Equal(
            ["participant_hung_up", "moderator_ended_conference", "conference_ended_via_api", "participant_updated_via_api"],
            leaves.Select(e => e["ReasonParticipantLeft"]));
        Assert.Equal(["participant-with-end-conference-on-exit-left", "conference-ended-via-api", "last-participant-kicked"], ends.Select(e => e["ReasonConferenceEnded"]));
        Assert.Equal((caller.Sid, "caller"), (ends[0]["CallSidEndingConference"], ends[0]["ParticipantLabelEndingConference"]));
        Assert.False(ends[1].ContainsKey("CallSidEndingConference"));
        Assert.Equal(kicked.Sid, ends[2]["CallSidEndingConference"]);
    }

    [Fact]
    public async Task Participants_are_listed_and_found_by_label_in_twilios_shape()
    {
        App.Twiml["/caller"] = Joins("r6", start: false, label: "caller");
        App.Twiml["/agent"] = Joins("r6", start: true, label: "agent:alice");
        var caller = Twilio.DialIn(Url("/caller"));
        await DialAsync("alice");
        var agent = await Twilio.RingingAsync("alice");
        Twilio.Answer(agent);
        await Twilio.WaitUntilAsync(() => Twilio.Conference("r6")?.Participants.Count == 2, "both in the room");
        var conferenceSid = Twilio.Read(() => Twilio.Conference("r6")!.Sid);
        await ParticipantResource.UpdateAsync(new UpdateParticipantOptions(conferenceSid, "caller") { Hold = true }, Client);

        var all = await ParticipantResource.ReadAsync(new ReadParticipantOptions(conferenceSid), Client);
        var held = await ParticipantResource.ReadAsync(new ReadParticipantOptions(conferenceSid) { Hold = true }, Client);
        var page = await GetJson($"Conferences/{conferenceSid}/Participants.json");

        Assert.Equal([caller.Sid, agent.Sid], all.Select(p => p.CallSid));
        Assert.Equal(["caller"], held.Select(p => p.Label));
        Assert.Equal(ListParticipantResponse().Order(), page.EnumerateObject().Select(p => p.Name).Order());
        Assert.All(page.GetProperty("participants").EnumerateArray().SelectMany(p => p.EnumerateObject()),
            property => Assert.Contains(property.Name, OpenApi.SchemaProperties("api.v2010.account.conference.participant")));
    }

    /// <summary>The properties of the list page, as Twilio's OpenAPI description gives them for GET …/Participants.json.</summary>
    private static IEnumerable<string> ListParticipantResponse()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "WarmTransfer.Tests", "TwilioApi", "twilio_api_v2010.calls-and-conferences.json")));
        return [.. document.RootElement.GetProperty("paths").GetProperty("/2010-04-01/Accounts/{AccountSid}/Conferences/{ConferenceSid}/Participants.json")
            .GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("properties").EnumerateObject().Select(p => p.Name)];
    }

    private async Task<JsonElement> GetJson(string resource)
    {
        using var http = new System.Net.Http.HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{TestCredentials.AccountSid}:{TestCredentials.AuthToken}")));
        var text = await http.GetStringAsync($"{Twilio.ApiBaseUrl.AbsoluteUri.TrimEnd('/')}/2010-04-01/Accounts/{TestCredentials.AccountSid}/{resource}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
