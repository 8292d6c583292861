namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// Twilio's calls and conferences as the emulator keeps them: REST requests and phone-side actions change them
/// under one lock and schedule the resulting webhooks; TwiML answers drive the calls on.
/// The concepts live in partial files: calls, conferences, TwiML execution, callback forms; audio in <see cref="AudioMix"/>.
/// </summary>
internal sealed partial class TelephoneNetwork(string accountSid, WebhookDispatcher dispatcher, FaultInjector faults, NetworkSettings settings) : IDisposable
{
    private readonly FaultInjector _faults = faults;
    private readonly RingTimers _ringTimers = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, FakeCall> _calls = [];
    private readonly List<FakeConference> _conferences = [];
    private readonly Dictionary<string, FakeConference> _conferencesBySid = [];
    private readonly Dictionary<string, FakeConference> _liveConferencesByName = [];
    private readonly Dictionary<string, List<FakeCall>> _liveCallsByClient = [];
    private readonly AudioChanges _audioChanges = new();
    private readonly List<string> _violations = [];
    private readonly List<NetworkJob> _emitted = [];
    private readonly NetworkChanges _changes = new();
    private int _depth;

    public string AccountSid { get; } = accountSid;

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    public T Read<T>(Func<IReadOnlyCollection<FakeCall>, IReadOnlyList<FakeConference>, T> read)
    {
        lock (_gate)
        {
            return read(_calls.Values, _conferences);
        }
    }

    /// <summary>Runs a change atomically, then brings the audio of everyone it touched up to date (so a change's midpoints are never heard).</summary>
    public T Change<T>(Func<T> change)
    {
        lock (_gate)
        {
            _depth++;
            try
            {
                return change();
            }
            finally
            {
                if (--_depth == 0)
                {
                    UpdateAudio();
                    // Handed over together, so the dispatcher never sees half of one change's webhooks.
                    dispatcher.EnqueueAll(_emitted);
                    _emitted.Clear();
                    _changes.Signal();
                }
            }
        }
    }

    public void Change(Action change) => Change(() =>
    {
        change();
        return true;
    });

    /// <summary>Completes at the next change of the network (for watchers such as a browser phone's event stream).</summary>
    public Task NextChange => _changes.Next;

    public FakeCall? Call(string sid) => _calls.GetValueOrDefault(sid);

    public FakeConference? Conference(string sid) => _conferencesBySid.GetValueOrDefault(sid);

    public IEnumerable<FakeConference> Conferences => _conferences;

    public void Dispose() => _ringTimers.Dispose();

    private void Emit(NetworkJob job) => _emitted.Add(job);

    private void Add(FakeCall call)
    {
        _calls[call.Sid] = call;
        if (call.ClientIdentity is { } identity)
        {
            if (!_liveCallsByClient.TryGetValue(identity, out var calls))
            {
                _liveCallsByClient[identity] = calls = [];
            }

            calls.Add(call);
        }
    }

    /// <summary>The calls to this client identity still live (ended ones are dropped from the index as they are met).</summary>
    private List<FakeCall> LiveCallsTo(string identity)
    {
        if (!_liveCallsByClient.TryGetValue(identity, out var calls))
        {
            return [];
        }

        calls.RemoveAll(c => !c.IsLive);
        return calls;
    }

    private void Add(FakeConference conference)
    {
        _conferences.Add(conference);
        _conferencesBySid[conference.Sid] = conference;
        _liveConferencesByName[conference.FriendlyName] = conference;
    }

    private void UpdateAudio()
    {
        var now = Now;
        foreach (var call in _audioChanges.TakeAffected())
        {
            call.Hear(AudioMix.Of(call), now);
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;
}
