using Microsoft.Extensions.Time.Testing;
using WarmTransfer.Tests.Support;
using WarmTransfer.Web.Hosting;
using WarmTransfer.Web.Twilio;
using static WarmTransfer.Tests.Security.HostileRequests;

namespace WarmTransfer.Tests.Security;

/// <summary>Anyone can send a bad request: refusals are counted and summarised, never one Warning or Error (or stack trace) each.</summary>
[Trait("Tier", Tier.Http)]
public sealed class RejectionLogTests(SecuredHostFixture fixture) : IClassFixture<SecuredHostFixture>
{
    private const int Repeats = 25;

    [Fact]
    public async Task Refused_requests_write_at_most_one_warning_per_kind_and_no_error_or_stack_trace()
    {
        var host = fixture.Host;
        var linesBefore = fixture.Logs.Lines.Count;
        using var client = host.CreateClient();
        var signedForm = new Dictionary<string, string> { ["CallSid"] = "not-a-call-sid" };
        var tooManyFields = Enumerable.Range(0, 300).ToDictionary(i => $"f{i}", _ => "v");
        var hostile = new Func<HttpRequestMessage>[]
        {
            () => Webhook(null, "CallSid=x"),
            () => Webhook(Convert.ToBase64String(new byte[20]), "CallSid=x"),
            () => SignedWebhook(host, "/conference/connect/client", signedForm, Body(UrlEncoded(signedForm), FormBodies.UrlEncoded)),
            () => SignedWebhook(host, "/conference/wait", tooManyFields, Body(UrlEncoded(tooManyFields), FormBodies.UrlEncoded)),
            () => SignedWebhook(host, "/conference/wait", signedForm, Body(UrlEncoded(signedForm), "application/x-www-form-urlencoded; charset=utf-7")),
            () => new HttpRequestMessage(HttpMethod.Post, "/account/signin") { Content = Body("{}", "application/json") },
        };

        foreach (var request in Enumerable.Repeat(hostile, Repeats).SelectMany(kinds => kinds))
        {
            using var response = await client.SendAsync(request());
            Assert.InRange((int)response.StatusCode, 400, 499);
        }

        var written = fixture.Logs.Lines.Skip(linesBefore).Where(line => Enum.GetNames<LogLevel>().Any(level => line.StartsWith(level + " "))).ToList();
        Assert.DoesNotContain(written, line => line.StartsWith("Error") || line.StartsWith("Critical"));
        Assert.DoesNotContain(written, line => line.Contains("   at "));
        Assert.All(written, line => Assert.Contains(nameof(RejectionLog), line));
        Assert.InRange(written.Count, 0, Enum.GetValues<RejectionKind>().Length);
    }

    [Fact]
    public void A_summary_says_how_many_were_refused_at_most_once_a_minute_per_kind()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T10:00:00Z"));
        var logs = new CapturedLogs();
        using var services = new ServiceCollection().AddMetrics().AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)).BuildServiceProvider();
        var rejections = new RejectionLog(time, services.GetRequiredService<ILogger<RejectionLog>>(), services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var request = new DefaultHttpContext { Request = { Method = "POST", Path = "/conference/wait" } }.Request;

        rejections.Refused(RejectionKind.ForgedWebhook, request, "signature does not match");
        for (var i = 0; i < 999; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            rejections.Refused(RejectionKind.ForgedWebhook, request, "signature does not match");
        }

        rejections.Refused(RejectionKind.UnsignedWebhook, request, "missing signature");
        time.Advance(TimeSpan.FromSeconds(11));
        rejections.Refused(RejectionKind.ForgedWebhook, request, "signature does not match");

        var warnings = logs.Lines.Where(line => line.StartsWith("Warning")).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.Contains("Refused 1 request(s) of kind ForgedWebhook", warnings[0]);
        Assert.Contains("Refused 1 request(s) of kind UnsignedWebhook", warnings[1]);
        Assert.Contains("Refused 1000 request(s) of kind ForgedWebhook since 2026-11-26 10:00:00Z", warnings[2]);
        Assert.Equal(1001, logs.Lines.Count(line => line.StartsWith("Debug") && line.Contains("Refused ForgedWebhook POST /conference/wait")));
    }

    private static HttpRequestMessage Webhook(string? signature, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/conference/connect/client") { Content = Body(body, FormBodies.UrlEncoded) };
        if (signature is not null)
        {
            request.Headers.Add(TwilioSignatureFilter.SignatureHeader, signature);
        }

        return request;
    }
}
