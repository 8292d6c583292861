using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.Web.Agents;
using WarmTransfer.Web.Hosting;
using Xunit.Abstractions;

namespace WarmTransfer.Tests.Security;

/// <summary>
/// A seeded storm of hostile requests over every route, while slow clients hold connections open: no 5xx, no stall
/// for honest requests, and nothing changes. Set WARMTRANSFER_STORM_SEED to replay a failing storm.
/// </summary>
[Collection(SlowClientCollection.Name)]
[Trait("Tier", Tier.Http)]
public sealed class HostileStormTests(SecuredHostFixture fixture, ITestOutputHelper output) : IClassFixture<SecuredHostFixture>
{
    private const int Requests = 2500;
    private const int Concurrency = 16;
    private const int SlowClients = 400;

    [Fact]
    public void The_storm_covers_every_route_the_host_maps()
    {
        var mapped = fixture.Host.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{method} /{e.RoutePattern.RawText!.Trim('/')}"))
            .Where(route => !route.Contains("{**", StringComparison.Ordinal))
            .ToHashSet();
        var stormed = HostileStorm.Routes.Select(route => route.Split('?')[0]).ToHashSet();

        Assert.Empty(mapped.Except(stormed));
    }

    [Fact]
    public async Task A_storm_of_hostile_requests_gets_no_5xx_stalls_no_one_and_changes_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("WARMTRANSFER_STORM_SEED"), out var chosen) ? chosen : 12;
        var host = fixture.Host;
        using var alice = await AgentSession.SignInAsync(host, "alice");
        var visitor = await Visitor.ArriveAsync(host);
        var call = await fixture.AliceCallAsync();
        var storm = new HostileStorm(host, alice, visitor, fixture.AliceConference, call.ConferenceSid!);
        var before = await fixture.WatchedStateAsync();
        var master = new Random(seed);
        var seeds = Enumerable.Range(0, Requests).Select(_ => master.Next()).ToArray();
        var outcomes = new ConcurrentBag<StormOutcome>();
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        var normal = new NormalRequests(host, alice);

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var logsBefore = fixture.Logs.Lines.Count;
        var slow = await StartSlowClientsAsync(alice, new Random(seed));
        var clock = Stopwatch.StartNew();
        using var stormOver = new CancellationTokenSource();
        var honest = normal.RunAsync(stormOver.Token);
        try
        {
            await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) =>
            {
                var request = storm.Create(i, seeds[i]);
                // One connection each: a connection the server drops after one hostile request must not fail the next one sent on it.
                request.Message.Headers.ConnectionClose = true;
                outcomes.Add(await SendAsync(client, request));
            });
        }
        finally
        {
            await stormOver.CancelAsync();
            await honest;
            foreach (var slowClient in slow)
            {
                await slowClient.DisposeAsync();
            }
        }

        var elapsed = clock.Elapsed;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        Report(seed, outcomes, elapsed, normal);
        output.WriteLine($"Managed heap {heapBefore / 1024 / 1024} MB before the storm, {heapAfter / 1024 / 1024} MB after");
        var failures = outcomes.Where(o => o.Failure is not null).Select(o => $"#{o.Index} {o.Kind}: {o.Failure}").Take(15).ToList();
        Assert.True(failures.Count == 0, $"Storm seed {seed}:\n{string.Join('\n', failures)}");
        Assert.True(normal.Slowest < NormalRequests.Bound,
            $"Storm seed {seed}: with {SlowClients} slow clients and the storm, the slowest of {normal.Count} honest requests took {normal.Slowest.TotalMilliseconds:0} ms");
        Assert.Equal(before, await fixture.WatchedStateAsync());
        // No flood: a summary per kind of refusal at most, and no error from our code or ASP.NET Core (Orleans' own watchdog may grumble under load).
        var logged = fixture.Logs.Lines.Skip(logsBefore).Where(CapturedLogs.FromOurCodeOrAspNetCore).ToList();
        Assert.DoesNotContain(logged, line => line.StartsWith("Error") || line.StartsWith("Critical"));
        var warnings = logged.Where(line => line.StartsWith("Warning")).ToList();
        Assert.True(warnings.Count <= Enum.GetValues<RejectionKind>().Length, $"{warnings.Count} warnings:\n{string.Join('\n', warnings.GroupBy(w => w[..Math.Min(w.Length, 120)]).Select(g => $"{g.Count()}× {g.Key}"))}\nFirst: {warnings.FirstOrDefault(w => !w.Contains(nameof(RejectionLog)))}");
        foreach (var callSid in storm.IncomingCallSids.Where(sid => !string.IsNullOrWhiteSpace(sid)).Take(200))
        {
            Assert.Equal(ConferencePhase.None, (await host.Grains.GetGrain<IConferenceGrain>(callSid).GetAsync()).Phase);
        }
    }

    private static async Task<StormOutcome> SendAsync(HttpClient client, StormRequest request)
    {
        var (status, failure) = await TrySendAsync(client, request);
        return new StormOutcome(request.Index, request.Route, request.Kind, request.Traits, status, failure);
    }

    private static async Task<(int Status, string? Failure)> TrySendAsync(HttpClient client, StormRequest request)
    {
        try
        {
            using var response = await client.SendAsync(request.Message);
            var status = (int)response.StatusCode;
            var failure = status >= 500 ? $"{status} {Shorten(await response.Content.ReadAsStringAsync())}"
                : request.MustBeRefused && status < 400 ? $"{status}: a hostile request was not refused"
                : null;
            return (status, failure);
        }
        catch (HttpRequestException ex) when (request.MayBeCutOff)
        {
            return (0, ex.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.Unknown or HttpRequestError.SecureConnectionError ? null : ex.Message);
        }
        catch (Exception ex)
        {
            return (-1, $"{ex.GetType().Name}: {ex.Message} {ex.InnerException?.Message} {ex.InnerException?.InnerException?.Message}");
        }
        finally
        {
            request.Message.Dispose();
        }
    }

    /// <summary>Slow bodies on the routes that read one, signed in and with a CSRF token or a well-formed signature, so they reach the read.</summary>
    private async Task<List<SlowClient>> StartSlowClientsAsync(AgentSession alice, Random random)
    {
        (string Method, string Path, string ContentType, string Body)[] bodies =
        [
            ("POST", "/conference/alice/call", "application/x-www-form-urlencoded", "to=" + new string('x', 8000)),
            ("PUT", "/agents/alice/presence", "application/json", "{\"presence\":\"" + new string('x', 8000) + "\"}"),
            ("POST", "/conference/connect/client", "application/x-www-form-urlencoded", "CallSid=" + new string('x', 8000)),
            ("POST", $"/conference/{fixture.AliceConference}/events", "application/x-www-form-urlencoded", "SequenceNumber=" + new string('9', 8000)),
        ];
        var headers = new List<(string, string)>
        {
            ("Cookie", alice.Cookies.GetCookieHeader(fixture.Host.BaseUrl)),
            (CsrfFilter.HeaderName, alice.CsrfToken),
            ("X-Twilio-Signature", Convert.ToBase64String(new byte[20])),
        };
        var clients = new List<SlowClient>();
        for (var i = 0; i < SlowClients; i++)
        {
            var (method, path, contentType, body) = random.Pick(bodies);
            // 16 bytes every 50 ms: faster than Kestrel's minimum data rate (240 B/s), so they are not cut off during the storm.
            clients.Add(await SlowClient.StartAsync(fixture.Host.BaseUrl, method, path, [.. headers, ("Content-Type", contentType)], Encoding.ASCII.GetBytes(body), bytesPerTick: 16));
        }

        return clients;
    }

    private void Report(int seed, IEnumerable<StormOutcome> outcomes, TimeSpan elapsed, NormalRequests normal)
    {
        var all = outcomes.ToList();
        output.WriteLine($"Seed {seed}: {all.Count} hostile requests in {elapsed.TotalSeconds:0.0} s with {SlowClients} slow clients; " +
            $"{normal.Count} honest requests, slowest {normal.Slowest.TotalMilliseconds:0} ms");
        output.WriteLine("Statuses: " + string.Join(", ", all.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "cut off" : g.Key)}×{g.Count()}")));
        foreach (var route in all.GroupBy(o => o.Route).OrderBy(g => g.Key))
        {
            output.WriteLine($"{route.Key}: {route.Count()} — " + string.Join(", ", route.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        }

        output.WriteLine("Traits: " + string.Join(", ", all.SelectMany(o => o.Traits).GroupBy(t => t).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}×{g.Count()}")));
    }

    private sealed record StormOutcome(int Index, string Route, string Kind, IReadOnlyList<string> Traits, int Status, string? Failure);

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
