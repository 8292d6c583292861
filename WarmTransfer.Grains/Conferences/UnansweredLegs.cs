namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// The agent legs still ringing, and since when. A leg that rings far longer than Twilio's ring timeout lost its
/// status callback; the grain then asks Twilio what became of it rather than waiting forever.
/// </summary>
internal sealed class UnansweredLegs
{
    private readonly Dictionary<string, DateTimeOffset> _ringingSince = [];

    public bool Any => _ringingSince.Count > 0;

    public void Track(ConferenceState state, DateTimeOffset now)
    {
        var ringing = state.Participants
            .Where(p => p.AgentId is not null && p.IsLive && p.State < ParticipantState.Connecting)
            .Select(p => p.CallSid)
            .ToHashSet();
        foreach (var gone in _ringingSince.Keys.Where(callSid => !ringing.Contains(callSid)).ToList())
        {
            _ringingSince.Remove(gone);
        }

        foreach (var callSid in ringing)
        {
            _ringingSince.TryAdd(callSid, now);
        }
    }

    /// <summary>The legs ringing longer than the limit; each is given another full limit before it is reported again.</summary>
    public IReadOnlyList<string> Overdue(DateTimeOffset now, TimeSpan limit)
    {
        var overdue = _ringingSince.Where(leg => now - leg.Value > limit).Select(leg => leg.Key).ToList();
        foreach (var callSid in overdue)
        {
            _ringingSince[callSid] = now;
        }

        return overdue;
    }
}
