namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// The legs not yet in the conference, and since when: agent legs still ringing, and a caller whose join was never
/// reported (the caller may have hung up while Twilio fetched our TwiML, and then nothing reports it). A leg silent
/// long past its due time lost its callbacks; the grain then asks Twilio what became of it rather than waiting forever.
/// </summary>
internal sealed class UnreportedLegs
{
    private readonly Dictionary<string, (DateTimeOffset Since, bool IsCaller)> _waiting = [];

    public bool Any => _waiting.Count > 0;

    public void Track(ConferenceState state, DateTimeOffset now)
    {
        var waiting = state.Participants
            .Where(p => p.IsLive && p.State < (p.Role == ParticipantRole.Caller ? ParticipantState.Joined : ParticipantState.Connecting))
            .ToDictionary(p => p.CallSid, p => p.Role == ParticipantRole.Caller);
        foreach (var gone in _waiting.Keys.Where(callSid => !waiting.ContainsKey(callSid)).ToList())
        {
            _waiting.Remove(gone);
        }

        foreach (var (callSid, isCaller) in waiting)
        {
            _waiting.TryAdd(callSid, (now, isCaller));
        }
    }

    /// <summary>
    /// The legs silent longer than allowed: a caller joins within seconds, so it gets only the grace; an agent leg may
    /// ring for the whole ring timeout first. Each is given another full allowance before it is reported again.
    /// </summary>
    public IReadOnlyList<string> Overdue(DateTimeOffset now, TimeSpan ringTimeout, TimeSpan grace)
    {
        var overdue = _waiting
            .Where(leg => now - leg.Value.Since > (leg.Value.IsCaller ? grace : ringTimeout + grace))
            .Select(leg => leg.Key)
            .ToList();
        foreach (var callSid in overdue)
        {
            _waiting[callSid] = (now, _waiting[callSid].IsCaller);
        }

        return overdue;
    }
}
