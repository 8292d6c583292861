using System.Net;
using Microsoft.AspNetCore.Mvc;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Http;

[Trait("Tier", Tier.Http)]
public sealed class MalformedWebhookTests(WebHostFixture fixture) : IClassFixture<WebHostFixture>
{
    private TestWebHost Host => fixture.Host;

    public static TheoryData<string, Dictionary<string, string>, string> Malformed => new()
    {
        { "/conference/connect/client", new() { ["From"] = "+15550001111" }, "CallSid" },
        { "/conference/connect/client", new() { ["CallSid"] = "CA123" }, "CallSid" },
        { "/conference/connect/client", new() { ["CallSid"] = "../../etc/passwd" }, "CallSid" },
        { "/conference/CA00000000000000000000000000000000/events", new() { ["ConferenceSid"] = "nope", ["SequenceNumber"] = "1" }, "ConferenceSid" },
        { "/conference/CA00000000000000000000000000000000/events", new() { ["ConferenceSid"] = "CF00000000000000000000000000000000", ["SequenceNumber"] = "-1" }, "SequenceNumber" },
        { "/conference/CA00000000000000000000000000000000/events", new() { ["ConferenceSid"] = "CF00000000000000000000000000000000", ["SequenceNumber"] = "2", ["Hold"] = "maybe" }, "Hold" },
        { "/conference/CA00000000000000000000000000000000/events", new() { ["ConferenceSid"] = "CF00000000000000000000000000000000", ["SequenceNumber"] = "2", ["FriendlyName"] = "CA11111111111111111111111111111111" }, "FriendlyName" },
        { "/conference/not-a-call/events", new() { ["ConferenceSid"] = "CF00000000000000000000000000000000", ["SequenceNumber"] = "1" }, "conference" },
        { "/conference/CA00000000000000000000000000000000/calls/alice/status", new() { ["CallSid"] = "CA00000000000000000000000000000001", ["CallStatus"] = "exploded" }, "CallStatus" },
        { "/conference/CA00000000000000000000000000000000/calls/al!ce/status", new() { ["CallSid"] = "CA00000000000000000000000000000001", ["CallStatus"] = "ringing" }, "agent" },
        { "/conference/CA00000000000000000000000000000000/connect/alice", new() { ["To"] = "client:alice" }, "CallSid" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_signed_but_malformed_webhook_gets_400_with_the_reason(string path, Dictionary<string, string> form, string reasonMentions)
    {
        using var client = Host.CreateClient();

        using var response = await new SignedWebhooks(Host, client).PostAsync(path, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains(reasonMentions, problem!.Detail, StringComparison.OrdinalIgnoreCase);
    }
}
