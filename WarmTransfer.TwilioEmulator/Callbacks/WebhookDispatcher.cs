namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// Delivers the emulator's requests to the app: by default one at a time, in order; with <see cref="CallbackChaos"/> status callbacks
/// are lost, delayed, doubled, reordered and sent several at once, while each call's TwiML fetches keep their order. Every request
/// gets Twilio's connection handling (<see cref="WebhookConnection"/>): a failed connection or a timeout is retried once.
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private readonly List<NetworkJob> _pending = [];
    private readonly List<DeliveredWebhook> _delivered = [];
    private readonly HashSet<string> _callsFetching = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly WebhookSender _sender;
    private readonly WebhookAttempts _attempts;
    private readonly FaultCounts _counts;
    private readonly Func<NetworkJob, int, string, Task> _onDelivered;
    private readonly Task _worker;
    private CallbackChaos? _chaos;
    private Random? _random;
    private WebhookConnection _connection = new();
    private long _sequence;
    private int _inFlight;

    public WebhookDispatcher(WebhookSender sender, FaultCounts counts, CallbackChaos? chaos, Func<NetworkJob, int, string, Task> onDelivered)
    {
        _sender = sender;
        _counts = counts;
        _attempts = new WebhookAttempts(sender, counts, Record);
        _onDelivered = onDelivered;
        UseChaos(chaos);
        _worker = Task.Run(RunAsync);
    }

    public IReadOnlyList<DeliveredWebhook> Delivered
    {
        get
        {
            lock (_delivered)
            {
                return [.. _delivered];
            }
        }
    }

    public bool Idle
    {
        get
        {
            lock (_pending)
            {
                return _pending.Count == 0 && _inFlight == 0;
            }
        }
    }

    /// <summary>Switches how callbacks are mistreated from now on (null: in order, once each).</summary>
    public void UseChaos(CallbackChaos? chaos)
    {
        lock (_pending)
        {
            _chaos = chaos;
            _random = chaos is null ? null : new Random(chaos.Seed);
        }
    }

    public void UseConnection(WebhookConnection connection)
    {
        lock (_pending)
        {
            _connection = connection;
        }
    }

    public void EnqueueAll(IReadOnlyCollection<NetworkJob> jobs)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        lock (_pending)
        {
            _pending.AddRange(jobs.Select(job => job with { Sequence = _sequence++ }));
        }

        _wake.Release();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _worker;
        }
        catch (OperationCanceledException)
        {
        }

        _sender.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await _wake.WaitAsync(_stop.Token);
            List<(NetworkJob Job, CallbackFate Fate)> started = [];
            lock (_pending)
            {
                while (_inFlight < (_chaos?.MaxInFlight ?? 1) && TakeNext() is { } next)
                {
                    _inFlight++;
                    if (next.Job is TwimlFetch fetch)
                    {
                        _callsFetching.Add(fetch.Call.Sid);
                    }

                    started.Add(next);
                }
            }

            foreach (var (job, fate) in started)
            {
                _ = DeliverAsync(job, fate);
            }
        }
    }

    /// <summary>The next job that may go now, and its fate; lost callbacks are dropped on the way. Under the lock.</summary>
    private (NetworkJob Job, CallbackFate Fate)? TakeNext()
    {
        while (true)
        {
            var index = NextIndex();
            if (index < 0)
            {
                return null;
            }

            var job = _pending[index];
            _pending.RemoveAt(index);
            if (index > 0 && job is StatusCallbackPost)
            {
                _counts.Add(FaultKind.CallbackReordered);
            }

            var fate = CallbackFate.Of(_chaos, job);
            if (!fate.Lost)
            {
                return (job, fate);
            }

            // Lost: never sent, never retried, not held against the app.
            _counts.Add(FaultKind.CallbackLost);
            Record(_sender.Describe(job, 0, "lost (injected)") with { ReachedApp = false, Fault = FaultKind.CallbackLost });
        }
    }

    /// <summary>In order; with chaos a callback within the window may jump ahead. A TwiML fetch waits for its call's previous one.</summary>
    private int NextIndex()
    {
        if (_pending.Count == 0)
        {
            return -1;
        }

        var index = _random is null ? 0 : _random.Next(Math.Min(_chaos!.ReorderWindow, _pending.Count));
        if (_pending[index] is TwimlFetch)
        {
            index = _pending.FindIndex(j => j is TwimlFetch);
        }

        return MayGo(_pending[index]) ? index : _pending.FindIndex(MayGo);
    }

    private bool MayGo(NetworkJob job) =>
        job is not TwimlFetch fetch
        || (!_callsFetching.Contains(fetch.Call.Sid) && ReferenceEquals(_pending.Find(j => j is TwimlFetch f && f.Call == fetch.Call), job));

    private async Task DeliverAsync(NetworkJob job, CallbackFate fate)
    {
        try
        {
            if (fate.DelayMilliseconds > 0)
            {
                _counts.Add(FaultKind.CallbackDelayed);
                await Task.Delay(fate.DelayMilliseconds, _stop.Token);
            }

            WebhookConnection connection;
            lock (_pending)
            {
                connection = _connection;
            }

            var (final, failedByInjection) = await _attempts.DeliverAsync(job, fate.FirstAttempt, connection, _stop.Token);
            await _onDelivered(failedByInjection ? job with { FailedByInjection = true } : job, final.Status, final.Body);
            if (fate.Duplicate is { } duplicate)
            {
                _counts.Add(FaultKind.CallbackDuplicated);
                Requeue(duplicate with { Sequence = job.Sequence, IsRepeat = true });
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // The emulator is stopping: what was in flight is abandoned.
        }
        finally
        {
            lock (_pending)
            {
                _inFlight--;
                if (job is TwimlFetch fetch)
                {
                    _callsFetching.Remove(fetch.Call.Sid);
                }
            }

            _wake.Release();
        }
    }

    private void Requeue(NetworkJob job)
    {
        lock (_pending)
        {
            var window = _chaos is null ? _pending.Count : Math.Min(_chaos.ReorderWindow, _pending.Count);
            _pending.Insert(_random?.Next(window + 1) ?? _pending.Count, job);
        }

        _wake.Release();
    }

    private void Record(DeliveredWebhook attempt)
    {
        lock (_delivered)
        {
            _delivered.Add(attempt);
        }
    }

}
