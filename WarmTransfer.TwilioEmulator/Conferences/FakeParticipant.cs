namespace WarmTransfer.TwilioEmulator;

/// <summary>A call's membership of a conference, with the flags Twilio keeps for it.</summary>
public sealed class FakeParticipant(FakeCall call, bool startConferenceOnEnter, bool endConferenceOnExit, string? label, DateTimeOffset joined)
{
    public FakeCall Call { get; } = call;
    public bool StartConferenceOnEnter { get; internal set; } = startConferenceOnEnter;
    public bool EndConferenceOnExit { get; internal set; } = endConferenceOnExit;
    public bool Hold { get; internal set => field = Touched(value); }
    public bool Muted { get; internal set; }
    public string? Label { get; } = label;
    public DateTimeOffset Joined { get; } = joined;

    /// <summary>What the participant hears while on hold, once the hold URL's TwiML has been read.</summary>
    internal Audio HoldAudio { get; set => field = Touched(value); } = Audio.HoldMusic;

    /// <summary>For the setters of what <see cref="AudioMix"/> reads: notes that this participant's call may hear something else now.</summary>
    private T Touched<T>(T value)
    {
        Call.Changes?.Touch(Call);
        return value;
    }
}
