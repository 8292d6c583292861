using System.Net.Http.Headers;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Emulator;

/// <summary>
/// Delivers the emulator's requests to the app one at a time, in order (or, with chaos, callbacks shuffled,
/// doubled and delayed). Signs each over the public URL the app gave and sends it to the matching local address.
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private readonly List<NetworkJob> _pending = [];
    private readonly List<DeliveredWebhook> _delivered = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private readonly CancellationTokenSource _stop = new();
    private readonly string _authToken;
    private CallbackChaos? _chaos;
    private Random? _random;
    private readonly Task _worker;
    private int _busy;

    public WebhookDispatcher(string authToken, CallbackChaos? chaos, Func<NetworkJob, int, string, Task> onDelivered)
    {
        _authToken = authToken;
        _chaos = chaos;
        _random = chaos is null ? null : new Random(chaos.Seed);
        OnDelivered = onDelivered;
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Where requests for a public base URL really go (the ngrok case); identity when empty.</summary>
    public Dictionary<string, Uri> LocalAddresses { get; } = [];

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
                return _pending.Count == 0 && Volatile.Read(ref _busy) == 0;
            }
        }
    }

    private Func<NetworkJob, int, string, Task> OnDelivered { get; }

    /// <summary>Switches how callbacks are mistreated from now on (null: in order, once each).</summary>
    public void UseChaos(CallbackChaos? chaos)
    {
        lock (_pending)
        {
            _chaos = chaos;
            _random = chaos is null ? null : new Random(chaos.Seed);
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
            _pending.AddRange(jobs);
        }

        _signal.Release(jobs.Count);
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

        _http.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await _signal.WaitAsync(_stop.Token);
            NetworkJob job;
            lock (_pending)
            {
                Interlocked.Exchange(ref _busy, 1);
                job = _pending[NextIndex()];
                _pending.Remove(job);
            }

            try
            {
                var (delay, duplicate) = Mistreatment(job);
                if (delay > 0)
                {
                    await Task.Delay(delay, _stop.Token);
                }

                var (status, body) = await DeliverAsync(job);
                await OnDelivered(job, status, body);
                if (duplicate is not null)
                {
                    Requeue(duplicate);
                }
            }
            finally
            {
                Interlocked.Exchange(ref _busy, 0);
            }
        }
    }

    /// <summary>With chaos, a callback may be delayed and delivered again: half the repeats as a retry (same idempotency token), half as a fresh delivery.</summary>
    private (int Delay, NetworkJob? Duplicate) Mistreatment(NetworkJob job)
    {
        lock (_pending)
        {
            if (_chaos is null || job is not StatusCallbackPost)
            {
                return (0, null);
            }

            var delay = _random!.Next(_chaos.MaxDelayMilliseconds + 1);
            if (_random.NextDouble() >= _chaos.DuplicateProbability)
            {
                return (delay, null);
            }

            return (delay, _random.Next(2) == 0 ? job : job with { IdempotencyToken = Guid.NewGuid().ToString() });
        }
    }

    /// <summary>In order; with chaos a callback within the window may jump ahead, but TwiML fetches keep their order.</summary>
    private int NextIndex()
    {
        if (_random is null)
        {
            return 0;
        }

        var index = _random.Next(Math.Min(_chaos!.ReorderWindow, _pending.Count));
        if (_pending[index] is TwimlFetch)
        {
            index = _pending.FindIndex(j => j is TwimlFetch);
        }

        return index;
    }

    private void Requeue(NetworkJob job)
    {
        lock (_pending)
        {
            var window = _chaos is null ? _pending.Count : Math.Min(_chaos.ReorderWindow, _pending.Count);
            _pending.Insert(_random?.Next(window + 1) ?? _pending.Count, job);
        }

        _signal.Release();
    }

    private async Task<(int Status, string Body)> DeliverAsync(NetworkJob job)
    {
        var get = string.Equals(job.Method, "GET", StringComparison.OrdinalIgnoreCase);
        var signedUrl = get ? WithQuery(job.Url, job.Form) : job.Url.AbsoluteUri;
        var signature = TwilioSignature.Compute(_authToken, signedUrl, get ? [] : job.Form);
        var request = new HttpRequestMessage(get ? HttpMethod.Get : HttpMethod.Post, Local(new Uri(signedUrl)));
        if (!get)
        {
            request.Content = new FormUrlEncodedContent(job.Form);
        }

        request.Headers.Add("X-Twilio-Signature", signature);
        request.Headers.Add("I-Twilio-Idempotency-Token", job.IdempotencyToken);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("TwilioProxy", "1.1"));
        int status;
        string body;
        try
        {
            using var response = await _http.SendAsync(request, _stop.Token);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(_stop.Token);
        }
        catch (HttpRequestException ex)
        {
            (status, body) = (0, ex.Message);
        }

        lock (_delivered)
        {
            var kind = job is StatusCallbackPost callback ? callback.Kind : "twiml:" + ((TwimlFetch)job).Purpose;
            _delivered.Add(new DeliveredWebhook(kind, signedUrl, job.Form, signature, job.IdempotencyToken, status, body));
        }

        return (status, body);
    }

    private Uri Local(Uri url)
    {
        foreach (var (publicBase, local) in LocalAddresses)
        {
            if (url.AbsoluteUri.StartsWith(publicBase, StringComparison.Ordinal))
            {
                return new Uri(local, url.PathAndQuery);
            }
        }

        return url;
    }

    private static string WithQuery(Uri url, IReadOnlyDictionary<string, string> form)
    {
        if (form.Count == 0)
        {
            return url.AbsoluteUri;
        }

        var query = string.Join("&", form.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return url.AbsoluteUri + (url.Query.Length > 0 ? "&" : "?") + query;
    }
}
