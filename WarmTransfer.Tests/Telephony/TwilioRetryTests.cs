using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Telephony;

/// <summary>
/// The telephony port through the real Twilio SDK against a loopback server that answers each request from a script:
/// transient failures are retried (429 after its Retry-After), a call is never created twice.
/// </summary>
[Trait("Tier", Tier.Http)]
public sealed class TwilioRetryTests : IAsyncLifetime
{
    private static readonly TwilioRetryPolicy Fast = new(3, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8));

    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _script = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private WebApplication _server = null!;
    private TwilioTelephony _telephony = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Run(async context =>
        {
            _requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
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

    private void Script(params (int Status, string? RetryAfter)[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }
}
