using System.Text;
using WarmTransfer.Tests.Support;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Security;

/// <summary>Request bodies are read asynchronously: clients that send them slowly hold a connection, never a thread.</summary>
[Collection(SlowClientCollection.Name)]
[Trait("Tier", Tier.Http)]
public sealed class SlowClientTests(SecuredHostFixture fixture) : IClassFixture<SecuredHostFixture>
{
    // Fewer hide a blocking read on a small machine: the thread pool adds threads fast enough for about 50 blocked ones.
    private const int SlowClients = 200;

    public static TheoryData<string, string, string> SlowBodies => new()
    {
        // The seed's transfer form; even if it were all sent, "to" is no agent id, so nothing would change.
        { "/conference/alice/call", "application/x-www-form-urlencoded", "to=" + new string('x', 4000) },
        { "/agents/alice/presence", "application/json", "{\"presence\":\"" + new string('x', 4000) + "\"}" },
        { "/conference/connect/client", "application/x-www-form-urlencoded", "CallSid=" + new string('x', 4000) },
        { "/conference/CA00000000000000000000000000000000/events", "application/x-www-form-urlencoded", "SequenceNumber=" + new string('9', 4000) },
    };

    [Theory]
    [MemberData(nameof(SlowBodies))]
    public async Task Slow_request_bodies_do_not_stall_other_requests(string path, string contentType, string body)
    {
        using var alice = await AgentSession.SignInAsync(fixture.Host, "alice");
        var before = await fixture.WatchedStateAsync();
        var headers = new List<(string, string)>
        {
            ("Content-Type", contentType),
            ("Cookie", alice.Cookies.GetCookieHeader(fixture.Host.BaseUrl)),
            (CsrfFilter.HeaderName, alice.CsrfToken),
            ("X-Twilio-Signature", Convert.ToBase64String(new byte[20])),
        };
        var method = path.EndsWith("/presence") ? "PUT" : "POST";
        var logsBefore = fixture.Logs.Lines.Count;
        var slow = new List<SlowClient>();
        var normal = new NormalRequests(fixture.Host, alice);
        try
        {
            for (var i = 0; i < SlowClients; i++)
            {
                slow.Add(await SlowClient.StartAsync(fixture.Host.BaseUrl, method, path, headers, Encoding.ASCII.GetBytes(body)));
            }

            // Long enough for every slow request to be in its handler, short of Kestrel's minimum-data-rate grace (5 s).
            using var window = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
            await normal.RunAsync(window.Token);
            Assert.All(slow, client => Assert.InRange(client.Sent, 1, body.Length - 1));
        }
        finally
        {
            foreach (var client in slow)
            {
                await client.DisposeAsync();
            }
        }

        Assert.True(normal.Slowest < NormalRequests.Bound,
            $"With {SlowClients} slow clients on {path}, the slowest of {normal.Count} normal requests took {normal.Slowest.TotalMilliseconds:0} ms");
        Assert.Equal(before, await fixture.WatchedStateAsync());
        // A stall this test causes shows in the normal requests' latency above, not in Orleans' process-wide watchdog.
        var warnings = fixture.Logs.Lines.Skip(logsBefore)
            .Where(line => line.StartsWith("Warning") && CapturedLogs.FromOurCodeOrAspNetCore(line) && !line.Contains(nameof(Web.Hosting.RejectionLog)))
            .ToList();
        Assert.True(warnings.Count == 0, $"{warnings.Count} warnings, the first: {warnings.FirstOrDefault()}");
    }
}
