namespace WarmTransfer.TwilioEmulator;

/// <summary>A conference room. Its status callback is fixed by the first participant, as on Twilio.</summary>
public sealed class FakeConference(string sid, string friendlyName, DateTimeOffset created)
{
    private readonly List<FakeParticipant> _participants = [];

    public string Sid { get; } = sid;
    public string FriendlyName { get; } = friendlyName;
    public DateTimeOffset Created { get; } = created;
    public string Status { get; internal set; } = "init";
    public bool Started => Status == "in-progress";
    public bool Ended => Status == "completed";
    public string? ReasonEnded { get; internal set; }
    public string? CallSidEndingConference { get; internal set; }

    internal Uri? StatusCallback { get; set; }
    internal string StatusCallbackMethod { get; set; } = "POST";
    internal HashSet<string> StatusCallbackEvents { get; set; } = [];
    internal int Sequence { get; set; }

    /// <summary>What waiting participants hear before the conference starts, once the wait URL's TwiML has been read.</summary>
    internal Dictionary<string, Audio> WaitAudio { get; } = [];

    public IReadOnlyList<FakeParticipant> Participants => [.. _participants];

    /// <summary>A participant by its CallSid or its label (labels may not look like CallSids, so the two never clash).</summary>
    public FakeParticipant? Participant(string callSidOrLabel) => _participants.Find(p => p.Call.Sid == callSidOrLabel || p.Label == callSidOrLabel);

    internal void Add(FakeParticipant participant) => _participants.Add(participant);

    internal void Remove(FakeParticipant participant) => _participants.Remove(participant);

    public override string ToString() => $"{Sid} '{FriendlyName}' {Status} [{string.Join(", ", _participants.Select(p => p.Call.Sid + (p.Hold ? " (held)" : "")))}]";
}
