using System.Xml.Linq;

namespace WarmTransfer.TwilioEmulator;

/// <summary>One call leg in the emulated network. Mutated only under the network's lock.</summary>
public sealed class FakeCall
{
    private readonly List<(DateTimeOffset At, Audio Audio)> _heard = [];

    public FakeCall(string sid, string from, string to, string direction, DateTimeOffset created)
    {
        Sid = sid;
        From = from;
        To = to;
        Direction = direction;
        Created = created;
    }

    public string Sid { get; }
    public string From { get; }
    public string To { get; }
    public string Direction { get; }
    public DateTimeOffset Created { get; }
    public string Status { get; internal set => field = Touched(value); } = FakeCallStatus.Queued;
    public DateTimeOffset? Answered { get; internal set; }
    public DateTimeOffset? Ended { get; internal set; }

    public Uri? Url { get; internal init; }
    internal string Method { get; init; } = "POST";
    internal Uri? StatusCallback { get; init; }
    internal string StatusCallbackMethod { get; init; } = "POST";
    internal IReadOnlySet<string> StatusCallbackEvents { get; init; } = new HashSet<string>();
    internal int CallbackSequence { get; set; }

    /// <summary>The TwiML verbs still to run once the current blocking verb (a &lt;Dial&gt;) ends.</summary>
    internal Queue<XElement> Remaining { get; set; } = new();

    /// <summary>The URL of the TwiML document now running; relative URLs in it resolve against it.</summary>
    internal Uri? Document { get; set; }

    /// <summary>The running &lt;Dial&gt;'s action URL and method: when the dial ends, Twilio fetches it instead of running <see cref="Remaining"/>.</summary>
    internal (Uri Url, string Method)? DialAction { get; set; }

    /// <summary>The conference this call is in, if any.</summary>
    public FakeConference? Conference { get; internal set => field = Touched(value); }

    /// <summary>What the call hears outside a conference (a message, looping music) when no conference decides it.</summary>
    internal Audio OwnAudio { get; set => field = Touched(value); } = Audio.Nothing;

    /// <summary>Where a change of what this call hears is noted (null: a call outside any network).</summary>
    internal AudioChanges? Changes { get; init; }

    /// <summary>For the setters of what <see cref="AudioMix"/> reads: notes that this call may hear something else now.</summary>
    private T Touched<T>(T value)
    {
        Changes?.Touch(this);
        return value;
    }

    public bool IsLive => !FakeCallStatus.IsFinal(Status);

    /// <summary>The browser already had a call in progress and ignored this one's invite: it rings out unseen (see <see cref="FakeTwilio.RingingAsync"/>).</summary>
    public bool IgnoredByBusyDevice { get; internal set; }

    /// <summary>
    /// The browser on this leg muted its microphone (the Voice SDK's Call.mute(),
    /// https://www.twilio.com/docs/voice/sdks/javascript/twiliocall#callmuteshouldmute): the other parties no longer hear it.
    /// </summary>
    public bool MicrophoneMuted { get; internal set => field = Touched(value); }

    /// <summary>How long Twilio lets the call ring before giving up with no-answer (the Calls.json Timeout).</summary>
    public TimeSpan RingTimeout { get; internal init; } = TimeSpan.FromSeconds(60);

    /// <summary>The client identity this call rings, for calls to client:&lt;identity&gt;.</summary>
    public string? ClientIdentity => To.StartsWith("client:", StringComparison.Ordinal) ? To["client:".Length..] : null;

    public Audio Hearing => _heard.Count == 0 ? Audio.Nothing : _heard[^1].Audio;

    public IReadOnlyList<(DateTimeOffset At, Audio Audio)> Heard => [.. _heard];

    /// <summary>True if the call ever sat connected in silence.</summary>
    public bool EverHeardSilence => _heard.Any(h => h.Audio == Audio.Silence);

    internal void Hear(Audio audio, DateTimeOffset at)
    {
        if (Hearing != audio || _heard.Count == 0)
        {
            _heard.Add((at, audio));
        }
    }

    public override string ToString() => $"{Sid} {From}→{To} {Status} hearing {Hearing}";
}
