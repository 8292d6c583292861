using System.Globalization;

namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// GET /Calls.json as Twilio's OpenAPI description documents it: filters To, From, ParentCallSid, Status and StartTime (a
/// UTC date, `YYYY-MM-DD`, exact or with `StartTime&lt;` / `StartTime&gt;` for before / on-or-after), newest first.
/// </summary>
// Assumption: the list is ordered newest first (DateCreated descending); Twilio's reference shows no order.
internal static class CallList
{
    public static IResult Read(TelephoneNetwork network, IQueryCollection query)
    {
        if (!TryDate(query, "StartTime", out var on) || !TryDate(query, "StartTime<", out var before) || !TryDate(query, "StartTime>", out var onOrAfter))
        {
            return RestFaultFilter.Error(20001, "StartTime must be a date as YYYY-MM-DD.", 400);
        }

        string? to = Filter(query, "To"), from = Filter(query, "From"), status = Filter(query, "Status");
        // The emulator's calls have no parent (no <Dial> to a number spawns a child leg here), so any ParentCallSid matches none.
        var anyParent = Filter(query, "ParentCallSid") is null;
        return network.Read((calls, _) =>
        {
            var found = calls
                .Where(c => to is null || c.To == to)
                .Where(c => from is null || c.From == from)
                .Where(c => status is null || c.Status == status)
                .Where(_ => anyParent)
                .Where(c => on is null || Started(c) == on)
                .Where(c => before is null || Started(c) < before)
                .Where(c => onOrAfter is null || Started(c) >= onOrAfter)
                .OrderByDescending(c => c.Created)
                .Select(object (c) => TwilioJson.Call(network.AccountSid, c))
                .ToList();
            return Results.Json(TwilioJson.Page(network.AccountSid, "Calls", "calls", found));
        });
    }

    /// <summary>"Only include calls that started on this date": a call not yet started (queued) has no start date and matches no StartTime filter.</summary>
    private static DateOnly? Started(FakeCall call) => call.Answered is { } started ? DateOnly.FromDateTime(started.UtcDateTime) : null;

    private static string? Filter(IQueryCollection query, string key) => query.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;

    private static bool TryDate(IQueryCollection query, string key, out DateOnly? date)
    {
        date = null;
        if (Filter(query, key) is not { } text)
        {
            return true;
        }

        var parsed = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
        date = parsed ? day : null;
        return parsed;
    }
}
