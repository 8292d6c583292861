namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// The legs whose next report from Twilio is awaited, and since when: agent legs not yet in the conference, a caller
/// whose join was never reported (they may have hung up while Twilio fetched our TwiML, and then nothing reports it), a
/// leg we hung up that Twilio has not reported over, and a joined leg whose hold or end-on-exit change is unconfirmed.
/// A leg silent long past its due time lost its callbacks (or our request was lost); the grain then asks Twilio.
/// </summary>
internal sealed class UnreportedLegs
{
    private readonly Dictionary<string, (DateTimeOffset Since, bool Ringing)> _waiting = [];

    public bool Any => _waiting.Count > 0;

    public void Track(ConferenceState state, DateTimeOffset now)
    {
        var waiting = state.Participants
            .Where(p => AwaitsReport(state, p))
            .ToDictionary(p => p.CallSid, p => p.IsLive && p.Role != ParticipantRole.Caller && p.State < ParticipantState.Connecting);
        foreach (var callSid in _waiting.Keys.Where(callSid => !waiting.TryGetValue(callSid, out var ringing) || ringing != _waiting[callSid].Ringing).ToList())
        {
            _waiting.Remove(callSid);
        }

        foreach (var (callSid, ringing) in waiting)
        {
            _waiting.TryAdd(callSid, (now, ringing));
        }
    }

    /// <summary>
    /// The legs silent longer than allowed: a caller joins within seconds, so it gets only the grace; an agent leg may
    /// ring for the whole ring timeout first (once answered, its join is due at once). Each is given another full allowance before it is reported again.
    /// </summary>
    public IReadOnlyList<string> Overdue(DateTimeOffset now, TimeSpan ringTimeout, TimeSpan grace)
    {
        var overdue = _waiting
            .Where(leg => now - leg.Value.Since > (leg.Value.Ringing ? ringTimeout + grace : grace))
            .Select(leg => leg.Key)
            .ToList();
        foreach (var callSid in overdue)
        {
            _waiting[callSid] = (now, _waiting[callSid].Ringing);
        }

        return overdue;
    }

    private static bool AwaitsReport(ConferenceState state, Participant leg) => leg switch
    {
        { IsLive: true, State: < ParticipantState.Joined } => true,
        { IsLive: false, CallOver: false } => true,
        { IsLive: true, State: ParticipantState.Joined } => leg.EndConferenceOnExitPending
            || (leg.Role == ParticipantRole.Caller && leg.OnHold != state.CallerHoldRequested),
        _ => false,
    };
}
