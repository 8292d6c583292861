using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Telephony;

/// <summary>
/// The telephony port through the real Twilio SDK against a loopback server that answers each request from a script:
/// transient failures are retried (429 after its Retry-After), a call is never created twice, and no more requests are at
/// Twilio at once than allowed.
/// </summary>
[Trait("Tier", Tier.Http)]
public sealed class TwilioRetryTests : IAsyncLifetime
{
    private static readonly TwilioRetryPolicy Fast = new(3, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8));

    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _script = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private TaskCompletionSource _answering = new();
    private int _atTwilio;
    private int _mostAtTwilio;
    private WebApplication _server = null!;
    private TwilioTelephony _telephony = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _answering.SetResult();
        _server.Run(async context =>
        {
            _requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            var atTwilio = Interlocked.Increment(ref _atTwilio);
            InterlockedMax(ref _mostAtTwilio, atTwilio);
            await _answering.Task;
            Interlocked.Decrement(ref _atTwilio);
            var (status, retryAfter) = _script.TryDequeue(out var next) ? next : (200, null);
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(status < 300
                ? """{"sid":"CA00000000000000000000000000000042","call_sid":"CA00000000000000000000000000000042","hold":true,"end_conference_on_exit":false}"""
                : $$"""{"code":20001,"message":"scripted {{status}}","status":{{status}}}""");
        });
        await _server.StartAsync();
        var twilio = Options.Create(new TwilioOptions
        {
            AccountSid = TestCredentials.AccountSid,
            AuthToken = TestCredentials.AuthToken,
            CallerId = TestCredentials.CallerId,
            ApiBaseUrl = new Uri(_server.Urls.First()),
            MaxConcurrentRequests = 4,
        });
        var warmTransfer = Options.Create(new WarmTransferOptions { PublicBaseUrl = new Uri("https://example.test") });
        _telephony = new TwilioTelephony(twilio, warmTransfer, NullLogger<TwilioTelephony>.Instance, Fast);
    }

    public async Task DisposeAsync()
    {
        _telephony.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_participant_update_rides_out_server_errors()
    {
        Script((503, null), (500, null));

        var participant = await _telephony.SetHoldAsync("CF00000000000000000000000000000001", "CA00000000000000000000000000000042", true);

        Assert.True(participant.Hold);
        Assert.Equal(3, _requests.Count);
    }

    [Fact]
    public async Task A_rate_limited_request_waits_for_retry_after_then_goes_through()
    {
        Script((429, "1"));
        var clock = Stopwatch.StartNew();

        var callSid = await _telephony.DialAgentAsync("CA00000000000000000000000000000001", "alice");

        Assert.Equal("CA00000000000000000000000000000042", callSid);
        Assert.Equal(2, _requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.Elapsed}, before Retry-After");
    }

    [Fact]
    public async Task A_call_is_not_created_again_after_a_server_error_that_may_have_placed_it()
    {
        Script((500, null));

        var failure = await Assert.ThrowsAsync<TelephonyException>(() => _telephony.DialAgentAsync("CA00000000000000000000000000000001", "alice"));

        Assert.Equal(20001, failure.Code);
        Assert.Equal(["POST /2010-04-01/Accounts/" + TestCredentials.AccountSid + "/Calls.json"], _requests);
    }

    [Fact]
    public async Task A_request_still_failing_after_the_retries_surfaces_as_a_telephony_failure()
    {
        Script((503, null), (503, null), (503, null), (503, null));

        await Assert.ThrowsAsync<TelephonyException>(() => _telephony.HangUpAsync("CA00000000000000000000000000000042"));

        Assert.Equal(4, _requests.Count);
    }

    [Fact]
    public async Task Requests_beyond_the_limit_wait_for_a_slot_and_checks_beyond_their_line_are_not_sent()
    {
        const string callSid = "CA00000000000000000000000000000042";
        _answering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Four slots: checks take at most two and four more checks wait; changes take the other two and wait for more.
        var checks = Enumerable.Range(0, 8).Select(_ => _telephony.FetchCallStatusAsync(callSid)).ToList();
        await Eventually.Until(() => _requests.Count == 2 && checks.Count(c => c.IsFaulted) == 2, "two checks at Twilio and two turned away");
        var changes = Enumerable.Range(0, 4).Select(_ => _telephony.HangUpAsync(callSid)).ToList();
        await Eventually.Until(() => _requests.Count == 4, "two changes at Twilio beside the checks");
        var turnedAway = checks.Where(c => c.IsFaulted).Select(c => Assert.IsType<TelephonyException>(c.Exception!.InnerException)).ToList();
        _answering.SetResult();
        await Task.WhenAll(changes);
        await Task.WhenAll(checks.Where(c => !c.IsFaulted));

        Assert.All(turnedAway, failure => Assert.True(failure.NotSent, failure.Message));
        Assert.Equal(4, _mostAtTwilio);
        Assert.Equal(2 + 4 + 4, _requests.Count);
    }

    [Fact]
    public async Task A_change_past_the_long_line_of_changes_is_not_sent_either()
    {
        const string callSid = "CA00000000000000000000000000000042";
        _answering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Four slots taken, 4 × 64 changes waiting: one more is turned away (and a dial turned away was not placed).
        var changes = Enumerable.Range(0, 4 + 256).Select(_ => _telephony.HangUpAsync(callSid)).ToList();
        await Eventually.Until(() => _requests.Count == 4, "four changes at Twilio");
        var turnedAway = await Assert.ThrowsAsync<TelephonyException>(() => _telephony.DialAgentAsync("CA00000000000000000000000000000001", "alice"));
        _answering.SetResult();
        await Task.WhenAll(changes);

        Assert.True(turnedAway.NotSent, turnedAway.Message);
        Assert.Equal(4 + 256, _requests.Count);
        Assert.DoesNotContain(_requests, request => request.StartsWith("POST", StringComparison.Ordinal) && request.EndsWith("/Calls.json", StringComparison.Ordinal));
    }

    private static void InterlockedMax(ref int most, int value)
    {
        var seen = Volatile.Read(ref most);
        while (value > seen && Interlocked.CompareExchange(ref most, value, seen) is var was && was != seen)
        {
            seen = was;
        }
    }

    private void Script(params (int Status, string? RetryAfter)[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }
}
