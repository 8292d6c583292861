namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// The legs whose next report from Twilio is awaited, and since when: agent legs not yet in the conference, a caller
/// whose join was never reported (they may have hung up while Twilio fetched our TwiML, and then nothing reports it), a
/// leg we hung up that Twilio has not reported over, and a joined leg whose hold or end-on-exit change is unconfirmed.
/// A leg silent long past its due time lost its callbacks (or our request was lost); the grain then asks Twilio.
/// </summary>
internal sealed class UnreportedLegs
{
    /// <summary>Null while nothing is awaited, which is most of an active call's life: an emptied dictionary keeps its arrays.</summary>
    private Dictionary<string, (DateTimeOffset Since, bool Ringing)>? _waiting;

    public bool Any => _waiting is not null;

    public void Track(ConferenceState state, DateTimeOffset now)
    {
        var awaited = 0;
        var unchanged = true;
        foreach (var leg in state.Participants)
        {
            if (AwaitsReport(state, leg))
            {
                awaited++;
                unchanged &= _waiting is not null && _waiting.TryGetValue(leg.CallSid, out var was) && was.Ringing == Ringing(leg);
            }
        }

        if (awaited == 0)
        {
            _waiting = null;
            return;
        }

        if (unchanged && awaited == _waiting!.Count)
        {
            return; // most changes leave the awaited legs as they were: nothing to rebuild
        }

        var before = _waiting;
        _waiting = new(awaited);
        foreach (var leg in state.Participants)
        {
            if (AwaitsReport(state, leg))
            {
                var ringing = Ringing(leg);
                var keep = before is not null && before.TryGetValue(leg.CallSid, out var was) && was.Ringing == ringing;
                _waiting[leg.CallSid] = keep ? before![leg.CallSid] : (now, ringing);
            }
        }
    }

    /// <summary>
    /// The legs silent longer than allowed: a caller joins within seconds, so it gets only the grace; an agent leg may
    /// ring for the whole ring timeout first (once answered, its join is due at once). Each is given another full allowance before it is reported again.
    /// </summary>
    public IReadOnlyList<string> Overdue(DateTimeOffset now, TimeSpan ringTimeout, TimeSpan grace)
    {
        if (_waiting is null)
        {
            return [];
        }

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

    private static bool Ringing(Participant leg) => leg.IsLive && leg.Role != ParticipantRole.Caller && leg.State < ParticipantState.Connecting;

    private static bool AwaitsReport(ConferenceState state, Participant leg) => leg switch
    {
        { IsLive: true, State: < ParticipantState.Joined } => true,
        { IsLive: false, CallOver: false } => true,
        { IsLive: true, State: ParticipantState.Joined } => leg.EndConferenceOnExitPending
            || (leg.Role == ParticipantRole.Caller && leg.OnHold != state.CallerHoldRequested),
        _ => false,
    };
}
