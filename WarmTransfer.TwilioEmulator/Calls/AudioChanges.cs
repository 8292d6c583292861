namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// The calls and conferences changed since what everyone hears was last brought up to date: <see cref="AudioMix"/> reads
/// only a call's own state and its conference's, so only those calls need hearing again, not every call ever placed.
/// Touched by the setters of whatever <see cref="AudioMix"/> reads; used under the network's lock.
/// </summary>
internal sealed class AudioChanges
{
    private readonly HashSet<FakeCall> _calls = [];
    private readonly HashSet<FakeConference> _conferences = [];

    public void Touch(FakeCall call) => _calls.Add(call);

    public void Touch(FakeConference conference) => _conferences.Add(conference);

    /// <summary>The calls whose audio may have changed: those touched, and everyone in a conference touched or holding a touched call.</summary>
    public IReadOnlyCollection<FakeCall> TakeAffected()
    {
        var affected = new HashSet<FakeCall>(_calls);
        foreach (var call in _calls)
        {
            if (call.Conference is { } conference)
            {
                _conferences.Add(conference);
            }
        }

        foreach (var conference in _conferences)
        {
            foreach (var participant in conference.Participants)
            {
                affected.Add(participant.Call);
            }
        }

        _calls.Clear();
        _conferences.Clear();
        return affected;
    }
}
