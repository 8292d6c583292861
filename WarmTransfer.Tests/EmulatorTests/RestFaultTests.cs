using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.EmulatorTests;

/// <summary>Twilio's REST API failing as it does in real life, seen through the real Twilio SDK.</summary>
[Trait("Tier", Tier.Http)]
public sealed class RestFaultTests : EmulatorTest
{
    private static bool CreatesCall(RestRequest request) => request is { Method: "POST" } && request.Path.EndsWith("/Calls.json", StringComparison.Ordinal);

    private static Func<RestRequest, bool> To(string identity) => request => CreatesCall(request) && request.Value("To") == "client:" + identity;

    [Fact]
    public async Task Refusals_execute_nothing_and_reach_the_sdk_as_twilio_errors()
    {
        Twilio.FailNextRest(RestFault.TooManyRequests, CreatesCall);
        Twilio.FailNextRest(RestFault.ServerError, CreatesCall);
        Twilio.FailNextRest(RestFault.ServiceUnavailable, CreatesCall);

        var tooMany = await Assert.ThrowsAsync<ApiException>(() => DialAsync("r429"));
        var serverError = await Assert.ThrowsAsync<ApiException>(() => DialAsync("r500"));
        var unavailable = await Assert.ThrowsAsync<ApiException>(() => DialAsync("r503"));
        Twilio.FailNextRest(RestFault.TooManyRequests);
        using var raw = await RawGetAsync($"Calls/CA{new string('0', 32)}.json");
        var body = JsonDocument.Parse(await raw.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal((20429, 429), (tooMany.Code, tooMany.Status));
        Assert.Equal((20500, 500), (serverError.Code, serverError.Status));
        Assert.Equal((20503, 503), (unavailable.Code, unavailable.Status));
        Assert.Empty(Twilio.Calls);
        Assert.Equal(HttpStatusCode.TooManyRequests, raw.StatusCode);
        Assert.Equal("1", raw.Headers.GetValues("Retry-After").Single());
        Assert.Equal(["code", "message", "more_info", "status"], body.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("https://www.twilio.com/docs/errors/20429", body.GetProperty("more_info").GetString());
        Assert.Equal([RestFault.TooManyRequests, RestFault.ServerError, RestFault.ServiceUnavailable, RestFault.TooManyRequests], Twilio.RestRequests.Select(r => r.Fault));
        Assert.Equal(2, Twilio.InjectedFaults[FaultKind.RestTooManyRequests]);
        Assert.Equal(1, Twilio.InjectedFaults[FaultKind.RestServerError]);
    }

    [Fact]
    public async Task A_timeout_or_a_reset_executes_nothing_but_a_lost_answer_has_dialled()
    {
        var impatient = ClientWith(TimeSpan.FromSeconds(1));
        Twilio.FailNextRest(RestFault.Timeout, To("timeout"));
        Twilio.FailNextRest(RestFault.ConnectionReset, To("reset"));
        Twilio.FailNextRest(RestFault.AnswerLost, To("lost"));

        await Assert.ThrowsAsync<ApiConnectionException>(() => DialAsync("timeout", client: impatient));
        await Assert.ThrowsAsync<ApiConnectionException>(() => DialAsync("reset"));
        await Assert.ThrowsAsync<ApiConnectionException>(() => DialAsync("lost"));
        var dialled = await Twilio.RingingAsync("lost");

        Assert.Empty(Twilio.CallsTo("timeout"));
        Assert.Empty(Twilio.CallsTo("reset"));
        Assert.Equal(FakeCallStatus.Ringing, Twilio.Read(() => dialled.Status));
        Assert.Equal(
            new Dictionary<FaultKind, int> { [FaultKind.RestTimeout] = 1, [FaultKind.RestConnectionReset] = 1, [FaultKind.RestAnswerLost] = 1 },
            Twilio.InjectedFaults);
    }

    [Fact]
    public async Task A_slow_answer_comes_late_and_executes()
    {
        Twilio.UseFaults(new TwilioFaults(Seed: 1) { SlowAnswerRate = 1, SlowAnswerDelay = TimeSpan.FromMilliseconds(300) });
        var clock = Stopwatch.StartNew();

        var call = await DialAsync("slow");

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"answered after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(call.Sid, (await Twilio.RingingAsync("slow")).Sid);
        Assert.Equal(1, Twilio.InjectedFaults[FaultKind.RestSlowAnswer]);
    }

    [Fact]
    public async Task Fault_rates_are_drawn_from_the_seed_only_for_the_requests_the_filter_lets_through()
    {
        static async Task<(List<string> Outcomes, IReadOnlyDictionary<FaultKind, int> Counts, int Calls)> Run(int seed)
        {
            await using var twilio = await FakeTwilio.StartAsync(faults: new TwilioFaults(seed)
            {
                TooManyRequestsRate = 0.2,
                ServerErrorRate = 0.15,
                ServiceUnavailableRate = 0.15,
                ConnectionResetRate = 0.1,
                RestFilter = request => request.Method == "GET",
            });
            using var http = new System.Net.Http.HttpClient(new WarmTransfer.Grains.Telephony.ApiBaseUrlHandler(twilio.ApiBaseUrl) { InnerHandler = new System.Net.Http.SocketsHttpHandler() });
            var client = new global::Twilio.Clients.TwilioRestClient(TestCredentials.AccountSid, TestCredentials.AuthToken, httpClient: new global::Twilio.Http.SystemNetHttpClient(http));
            var outcomes = new List<string>();
            for (var i = 0; i < 30; i++)
            {
                try
                {
                    await ConferenceResource.ReadAsync(new ReadConferenceOptions { FriendlyName = "none" }, client);
                    outcomes.Add("ok");
                }
                catch (ApiException ex)
                {
                    outcomes.Add(ex.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                catch (ApiConnectionException)
                {
                    outcomes.Add("reset");
                }
            }

            await CallResource.CreateAsync(new CreateCallOptions(new global::Twilio.Types.Client("unfiltered"), new global::Twilio.Types.PhoneNumber("+15559990000")) { Twiml = new global::Twilio.Types.Twiml("<Response/>") }, client);
            return (outcomes, twilio.InjectedFaults, twilio.CallsTo("unfiltered").Count);
        }

        var first = await Run(seed: 5);
        var again = await Run(seed: 5);

        Assert.Equal(first.Outcomes, again.Outcomes);
        Assert.Equal(["429", "500", "503", "ok", "reset"], first.Outcomes.Distinct().Order());
        Assert.Equal(first.Outcomes.Count(o => o == "429"), first.Counts[FaultKind.RestTooManyRequests]);
        Assert.Equal(first.Outcomes.Count(o => o == "reset"), first.Counts[FaultKind.RestConnectionReset]);
        Assert.Equal(first.Outcomes.Count(o => o != "ok"), first.Counts.Values.Sum());
        Assert.Equal(1, first.Calls);
    }

    private async Task<System.Net.Http.HttpResponseMessage> RawGetAsync(string resource)
    {
        using var http = new System.Net.Http.HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{TestCredentials.AccountSid}:{TestCredentials.AuthToken}")));
        return await http.GetAsync($"{Twilio.ApiBaseUrl.AbsoluteUri.TrimEnd('/')}/2010-04-01/Accounts/{TestCredentials.AccountSid}/{resource}");
    }
}
