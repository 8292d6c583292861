namespace WarmTransfer.TwilioEmulator;

/// <summary>The REST resources as Twilio's OpenAPI description shapes them (snake_case, RFC 2822 dates).</summary>
internal static class TwilioJson
{
    public static Dictionary<string, object?> Call(string accountSid, FakeCall call) => new()
    {
        ["sid"] = call.Sid,
        ["date_created"] = TwilioTime.Rfc2822(call.Created),
        ["date_updated"] = TwilioTime.Rfc2822(call.Ended ?? call.Answered ?? call.Created),
        ["parent_call_sid"] = null,
        ["account_sid"] = accountSid,
        ["to"] = call.To,
        ["to_formatted"] = call.To,
        ["from"] = call.From,
        ["from_formatted"] = call.From,
        ["phone_number_sid"] = null,
        ["status"] = call.Status,
        ["start_time"] = call.Answered is { } answered ? TwilioTime.Rfc2822(answered) : null,
        ["end_time"] = call.Ended is { } ended ? TwilioTime.Rfc2822(ended) : null,
        ["duration"] = call.Ended is { } end ? ((int)(end - (call.Answered ?? end)).TotalSeconds).ToString() : null,
        ["price"] = null,
        ["price_unit"] = "USD",
        ["direction"] = call.Direction,
        ["answered_by"] = null,
        ["api_version"] = "2010-04-01",
        ["forwarded_from"] = null,
        ["group_sid"] = null,
        ["caller_name"] = null,
        ["queue_time"] = "0",
        ["trunk_sid"] = null,
        ["uri"] = $"/2010-04-01/Accounts/{accountSid}/Calls/{call.Sid}.json",
        ["subresource_uris"] = new Dictionary<string, string>
        {
            ["notifications"] = $"/2010-04-01/Accounts/{accountSid}/Calls/{call.Sid}/Notifications.json",
            ["recordings"] = $"/2010-04-01/Accounts/{accountSid}/Calls/{call.Sid}/Recordings.json",
        },
    };

    public static Dictionary<string, object?> Conference(string accountSid, FakeConference conference) => new()
    {
        ["account_sid"] = accountSid,
        ["date_created"] = TwilioTime.Rfc2822(conference.Created),
        ["date_updated"] = TwilioTime.Rfc2822(conference.Created),
        ["api_version"] = "2010-04-01",
        ["friendly_name"] = conference.FriendlyName,
        ["region"] = "us1",
        ["sid"] = conference.Sid,
        ["status"] = conference.Status,
        ["uri"] = $"/2010-04-01/Accounts/{accountSid}/Conferences/{conference.Sid}.json",
        ["subresource_uris"] = new Dictionary<string, string>
        {
            ["participants"] = $"/2010-04-01/Accounts/{accountSid}/Conferences/{conference.Sid}/Participants.json",
            ["recordings"] = $"/2010-04-01/Accounts/{accountSid}/Conferences/{conference.Sid}/Recordings.json",
        },
        ["reason_conference_ended"] = conference.ReasonEnded,
        ["call_sid_ending_conference"] = conference.CallSidEndingConference,
    };

    public static Dictionary<string, object?> Participant(string accountSid, FakeConference conference, FakeParticipant participant) => new()
    {
        ["account_sid"] = accountSid,
        ["call_sid"] = participant.Call.Sid,
        ["label"] = participant.Label,
        ["call_sid_to_coach"] = null,
        ["coaching"] = false,
        ["conference_sid"] = conference.Sid,
        ["date_created"] = TwilioTime.Rfc2822(participant.Joined),
        ["date_updated"] = TwilioTime.Rfc2822(participant.Joined),
        ["end_conference_on_exit"] = participant.EndConferenceOnExit,
        ["muted"] = participant.Muted,
        ["hold"] = participant.Hold,
        ["start_conference_on_enter"] = participant.StartConferenceOnEnter,
        ["status"] = "connected",
        ["queue_time"] = "0",
        ["uri"] = $"/2010-04-01/Accounts/{accountSid}/Conferences/{conference.Sid}/Participants/{participant.Call.Sid}.json",
    };

    public static Dictionary<string, object?> Page(string accountSid, string resource, string key, IReadOnlyList<object> items) => new()
    {
        ["end"] = Math.Max(items.Count - 1, 0),
        ["first_page_uri"] = $"/2010-04-01/Accounts/{accountSid}/{resource}.json?PageSize=50&Page=0",
        ["next_page_uri"] = null,
        ["page"] = 0,
        ["page_size"] = 50,
        ["previous_page_uri"] = null,
        ["start"] = 0,
        ["uri"] = $"/2010-04-01/Accounts/{accountSid}/{resource}.json?PageSize=50&Page=0",
        [key] = items,
    };

    public static Dictionary<string, object?> Error(int code, string message, int status) => new()
    {
        ["code"] = code,
        ["message"] = message,
        ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
        ["status"] = status,
    };
}
