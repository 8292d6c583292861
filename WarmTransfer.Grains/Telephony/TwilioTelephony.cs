using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.RateLimiting;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Api.V2010.Account.Conference;
using Twilio.Types;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Telemetry;
using HttpMethod = Twilio.Http.HttpMethod;

namespace WarmTransfer.Grains.Telephony;

/// <summary>The telephony port on Twilio's REST API, through the Twilio SDK.</summary>
public sealed partial class TwilioTelephony : ITelephony, IDisposable
{
    /// <summary>An agent's browser is rung a few times a minute at most; the calls since an attempt fit in one page.</summary>
    private const int AgentCallsPage = 50;

    private static readonly List<string> CallProgressEvents = ["initiated", "ringing", "answered", "completed"];

    private readonly TwilioOptions _twilio;
    private readonly WarmTransferOptions _warmTransfer;
    private readonly ILogger<TwilioTelephony> _log;
    private readonly WarmTransferMetrics? _metrics;
    private readonly TwilioRequestLimits _limits;
    private readonly System.Net.Http.HttpClient _http;
    private readonly Lazy<ITwilioRestClient> _client;

    public TwilioTelephony(IOptions<TwilioOptions> twilio, IOptions<WarmTransferOptions> warmTransfer, ILogger<TwilioTelephony> log, WarmTransferMetrics metrics)
        : this(twilio, warmTransfer, log, null, metrics)
    {
    }

    /// <summary>With another retry policy (tests make it fast).</summary>
    internal TwilioTelephony(IOptions<TwilioOptions> twilio, IOptions<WarmTransferOptions> warmTransfer, ILogger<TwilioTelephony> log, TwilioRetryPolicy? retryPolicy, WarmTransferMetrics? metrics = null)
    {
        _metrics = metrics;
        _twilio = twilio.Value;
        _warmTransfer = warmTransfer.Value;
        _log = log;
        _limits = new TwilioRequestLimits(_twilio.MaxConcurrentRequests);
        var resilience = new ResilienceHandler(TwilioResilience.Pipeline(retryPolicy ?? TwilioRetryPolicy.Default, _limits.All))
        {
            InnerHandler = new ApiBaseUrlHandler(_twilio.ApiBaseUrl) { InnerHandler = new SocketsHttpHandler() },
        };
        // The resilience pipeline bounds each attempt and the whole; HttpClient's own timeout would cut retries short.
        _http = new System.Net.Http.HttpClient(resilience) { Timeout = Timeout.InfiniteTimeSpan };
        _client = new Lazy<ITwilioRestClient>(CreateClient);
    }

    public async Task<string> DialAgentAsync(string conferenceId, string agentId)
    {
        var urls = Urls();
        var callerId = _twilio.CallerId ?? throw NotConfigured(TwilioKey.CallerId);
        var options = new CreateCallOptions(new Twilio.Types.Client(agentId), new PhoneNumber(callerId))
        {
            Url = urls.ConnectAgent(conferenceId, agentId),
            Method = HttpMethod.Post,
            StatusCallback = urls.AgentCallStatus(conferenceId, agentId),
            StatusCallbackMethod = HttpMethod.Post,
            StatusCallbackEvent = CallProgressEvents,
            Timeout = _twilio.RingTimeoutSeconds,
        };
        var call = await CallTwilio(client => CallResource.CreateAsync(options, client));
        LogDialed(_log, agentId, conferenceId, call.Sid);
        return call.Sid;
    }

    /// <summary>
    /// Calls list filtered by To (Twilio's OpenAPI description of GET /Calls.json: "Only show calls made to this ... Client
    /// identifier"); Twilio has no filter finer than a day on creation, so the time is checked here.
    /// </summary>
    public async Task<string?> FindAgentCallAsync(string agentId, DateTimeOffset createdSince)
    {
        var calls = await CallTwilio(
            client => CallResource.ReadAsync(
                new ReadCallOptions { To = new PhoneNumber(new Twilio.Types.Client(agentId).ToString()), PageSize = AgentCallsPage, Limit = AgentCallsPage },
                client),
            check: true);
        return calls
            .Where(c => c.DateCreated is { } created && AsUtc(created) >= createdSince)
            .OrderBy(c => c.DateCreated)
            .Select(c => c.Sid)
            .FirstOrDefault();
    }

    public Task HangUpAsync(string callSid) =>
        CallTwilio(client => CallResource.UpdateAsync(new UpdateCallOptions(callSid) { Status = CallResource.UpdateStatusEnum.Completed }, client));

    public async Task<ParticipantSnapshot> SetHoldAsync(string conferenceSid, string callSid, bool hold) =>
        Snapshot(await CallTwilio(client => ParticipantResource.UpdateAsync(
            new UpdateParticipantOptions(conferenceSid, callSid)
            {
                Hold = hold,
                HoldUrl = hold ? Urls().Hold : null,
                HoldMethod = hold ? HttpMethod.Post : null,
            },
            client)));

    public async Task<ParticipantSnapshot> SetEndConferenceOnExitAsync(string conferenceSid, string callSid, bool endConferenceOnExit) =>
        Snapshot(await CallTwilio(client => ParticipantResource.UpdateAsync(
            new UpdateParticipantOptions(conferenceSid, callSid) { EndConferenceOnExit = endConferenceOnExit },
            client)));

    public async Task<Conferences.CallStatus?> FetchCallStatusAsync(string callSid)
    {
        try
        {
            var call = await CallTwilio(client => CallResource.FetchAsync(new FetchCallOptions(callSid), client), check: true);
            return CallStatusNames.TryParse(call.Status?.ToString(), out var status) ? status : null;
        }
        catch (TelephonyException ex) when (ex.Code == 20404)
        {
            return null;
        }
    }

    public async Task<string?> FindConferenceSidAsync(string friendlyName)
    {
        var conferences = await CallTwilio(client => ConferenceResource.ReadAsync(new ReadConferenceOptions { FriendlyName = friendlyName }, client), check: true);
        return conferences
            .Where(c => c.Status != ConferenceResource.StatusEnum.Completed)
            .OrderByDescending(c => c.DateCreated)
            .Select(c => c.Sid)
            .FirstOrDefault();
    }

    public async Task<IReadOnlyList<ParticipantSnapshot>?> ListParticipantsAsync(string conferenceSid)
    {
        try
        {
            var participants = await CallTwilio(client => ParticipantResource.ReadAsync(new ReadParticipantOptions(conferenceSid), client), check: true);
            return [.. participants.Select(Snapshot)];
        }
        catch (TelephonyException ex) when (ex.Code == 20404)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _limits.Dispose();
    }

    /// <summary>Twilio's dates are UTC (RFC 2822, +0000); the SDK may hand them over as local or unspecified.</summary>
    private static DateTimeOffset AsUtc(DateTime date) =>
        new(date.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : date.ToUniversalTime());

    private static ParticipantSnapshot Snapshot(ParticipantResource participant) =>
        new(participant.CallSid, participant.Hold ?? false, participant.EndConferenceOnExit ?? false);

    /// <summary>
    /// One Twilio REST operation, retries included: a span named after it, and its duration and failure in the metrics.
    /// A check (a read) first takes a check's slot, or fails unsent when too many checks are waiting.
    /// </summary>
    private async Task<T> CallTwilio<T>(Func<ITwilioRestClient, Task<T>> request, bool check = false, [CallerMemberName] string operation = "")
    {
        operation = operation.EndsWith("Async", StringComparison.Ordinal) ? operation[..^"Async".Length] : operation;
        using var activity = WarmTransferTracing.Source.StartActivity($"Twilio {operation}", ActivityKind.Client);
        var started = Stopwatch.GetTimestamp();
        using var checkSlot = check ? await _limits.Checks.AcquireAsync() : null;
        try
        {
            if (checkSlot is { IsAcquired: false })
            {
                throw new TelephonyException("Too many checks of Twilio are under way or waiting in this process; this one was not sent.") { NotSent = true };
            }

            var result = await SendAsync(request);
            _metrics?.TwilioOperation(operation, Stopwatch.GetElapsedTime(started), failure: null);
            return result;
        }
        catch (TelephonyException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            _metrics?.TwilioOperation(operation, Stopwatch.GetElapsedTime(started), ex);
            throw;
        }
    }

    private async Task<T> SendAsync<T>(Func<ITwilioRestClient, Task<T>> request)
    {
        try
        {
            return await request(_client.Value);
        }
        catch (ApiException ex)
        {
            throw new TelephonyException($"Twilio refused the request: {ex.Message}", ex.Code, ex);
        }
        catch (ApiConnectionException ex) when (ex.InnerException is RateLimiterRejectedException)
        {
            throw new TelephonyException("Too many requests to Twilio are under way or waiting in this process; this one was not sent.", null, ex) { NotSent = true };
        }
        catch (Exception ex) when (ex is ApiConnectionException or System.Net.Http.HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new TelephonyException($"Twilio could not be reached: {ex.Message}", null, ex);
        }
    }

    private ITwilioRestClient CreateClient()
    {
        var accountSid = _twilio.AccountSid ?? throw NotConfigured(TwilioKey.AccountSid);
        var authToken = _twilio.AuthToken ?? throw NotConfigured(TwilioKey.AuthToken);
        return new TwilioRestClient(accountSid, authToken, httpClient: new SystemNetHttpClient(_http));
    }

    private CallbackUrls Urls() => _warmTransfer.PublicBaseUrl is { } publicBaseUrl
        ? new CallbackUrls(publicBaseUrl)
        : throw new TelephonyException($"{WarmTransferOptions.Section}:{nameof(WarmTransferOptions.PublicBaseUrl)} is not set, so Twilio has no URL to call us back on.");

    private static TelephonyException NotConfigured(TwilioKey key) =>
        new($"Twilio is not configured: {TwilioOptions.Section}:{key} is not set.");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dialled agent {AgentId} into conference {ConferenceId}: CallSid {CallSid}")]
    private static partial void LogDialed(ILogger logger, string agentId, string conferenceId, string callSid);
}
