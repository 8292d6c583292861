using System.Net.Http.Headers;

namespace WarmTransfer.TwilioEmulator;

/// <summary>Sends one attempt of a request to the app: signed over the public URL the app gave, sent to the matching local address.</summary>
internal sealed class WebhookSender(string authToken) : IDisposable
{
    // Connect Timeout (ct) default 5000 ms: Twilio, "Webhooks (HTTP callbacks): Connection Overrides".
    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Where requests for a public base URL really go (the ngrok case); identity when empty.</summary>
    public Dictionary<string, Uri> LocalAddresses { get; } = [];

    public DeliveredWebhook Describe(NetworkJob job, int status, string body)
    {
        var (signedUrl, signature) = Sign(job);
        return new DeliveredWebhook(KindOf(job), signedUrl, job.Form, signature, job.IdempotencyToken, status, body);
    }

    /// <summary>One attempt; a failed connection or a timeout comes back as Status 0 with the failure set.</summary>
    public async Task<(DeliveredWebhook Attempt, AttemptFailure? Failure)> SendAsync(NetworkJob job, TimeSpan timeout, CancellationToken stop)
    {
        var (signedUrl, signature) = Sign(job);
        var get = IsGet(job);
        using var request = new HttpRequestMessage(get ? HttpMethod.Get : HttpMethod.Post, Local(new Uri(signedUrl)));
        if (!get)
        {
            request.Content = new FormUrlEncodedContent(job.Form);
        }

        request.Headers.Add("X-Twilio-Signature", signature);
        request.Headers.Add("I-Twilio-Idempotency-Token", job.IdempotencyToken);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("TwilioProxy", "1.1"));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(timeout);
        var attempt = new DeliveredWebhook(KindOf(job), signedUrl, job.Form, signature, job.IdempotencyToken, 0, "");
        try
        {
            using var response = await _http.SendAsync(request, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            return (attempt with { Status = (int)response.StatusCode, Body = body }, null);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return (attempt with { Body = $"no answer within {timeout.TotalMilliseconds:0} ms" }, AttemptFailure.TimedOut);
        }
        catch (HttpRequestException ex)
        {
            return (attempt with { Body = ex.Message, ReachedApp = false }, AttemptFailure.ConnectionFailed);
        }
    }

    public void Dispose() => _http.Dispose();

    private (string SignedUrl, string Signature) Sign(NetworkJob job)
    {
        var get = IsGet(job);
        var signedUrl = get ? WithQuery(job.Url, job.Form) : job.Url.AbsoluteUri;
        return (signedUrl, TwilioSignature.Compute(authToken, signedUrl, get ? [] : job.Form));
    }

    private static bool IsGet(NetworkJob job) => string.Equals(job.Method, "GET", StringComparison.OrdinalIgnoreCase);

    private static string KindOf(NetworkJob job) => job is StatusCallbackPost callback ? callback.Kind : "twiml:" + ((TwimlFetch)job).Purpose;

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
