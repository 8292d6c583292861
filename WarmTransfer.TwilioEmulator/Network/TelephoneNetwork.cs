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

    /// <summary>Runs a change atomically, then brings everyone's audio up to date (so a change's midpoints are never heard).</summary>
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

    public FakeConference? Conference(string sid) => _conferences.Find(c => c.Sid == sid);

    public IEnumerable<FakeConference> Conferences => _conferences;

    public void Dispose() => _ringTimers.Dispose();

    private void Emit(NetworkJob job) => _emitted.Add(job);

    private void UpdateAudio()
    {
        var now = Now;
        foreach (var call in _calls.Values)
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
