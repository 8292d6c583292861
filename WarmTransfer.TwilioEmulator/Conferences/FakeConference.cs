namespace WarmTransfer.TwilioEmulator;

/// <summary>A conference room. Its status callback is fixed by the first participant, as on Twilio.</summary>
public sealed class FakeConference(string sid, string friendlyName, DateTimeOffset created)
{
    private readonly List<FakeParticipant> _participants = [];
    private readonly Dictionary<string, Audio> _waitAudio = [];

    public string Sid { get; } = sid;
    public string FriendlyName { get; } = friendlyName;
    public DateTimeOffset Created { get; } = created;
    public string Status { get; internal set => field = Touched(value); } = "init";
    public bool Started => Status == "in-progress";
    public bool Ended => Status == "completed";
    public string? ReasonEnded { get; internal set; }
    public string? CallSidEndingConference { get; internal set; }

    internal Uri? StatusCallback { get; set; }
    internal string StatusCallbackMethod { get; set; } = "POST";
    internal HashSet<string> StatusCallbackEvents { get; set; } = [];
    internal int Sequence { get; set; }

    /// <summary>Where a change of what its participants hear is noted (null: a conference outside any network).</summary>
    internal AudioChanges? Changes { get; init; }

    /// <summary>For the setters of what <see cref="AudioMix"/> reads: notes that its participants may hear something else now.</summary>
    private T Touched<T>(T value)
    {
        Changes?.Touch(this);
        return value;
    }

    /// <summary>What waiting participants hear before the conference starts, once the wait URL's TwiML has been read.</summary>
    internal IReadOnlyDictionary<string, Audio> WaitAudio => _waitAudio;

    public IReadOnlyList<FakeParticipant> Participants => [.. _participants];

    /// <summary>A participant by its CallSid or its label (labels may not look like CallSids, so the two never clash).</summary>
    public FakeParticipant? Participant(string callSidOrLabel) => _participants.Find(p => p.Call.Sid == callSidOrLabel || p.Label == callSidOrLabel);

    internal void Add(FakeParticipant participant)
    {
        _participants.Add(participant);
        Changes?.Touch(this);
    }

    internal void Remove(FakeParticipant participant)
    {
        _participants.Remove(participant);
        _waitAudio.Remove(participant.Call.Sid);
        Changes?.Touch(this);
    }

    internal void Wait(string callSid, Audio audio)
    {
        _waitAudio[callSid] = audio;
        Changes?.Touch(this);
    }

    public override string ToString() => $"{Sid} '{FriendlyName}' {Status} [{string.Join(", ", _participants.Select(p => p.Call.Sid + (p.Hold ? " (held)" : "")))}]";
}
