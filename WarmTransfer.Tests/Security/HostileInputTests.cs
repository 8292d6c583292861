using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Twilio;

namespace WarmTransfer.Tests.Security;

/// <summary>Requests nobody honest sends: each gets a 4xx with a reason, never a 500, and alice's call stays as it was.</summary>
[Trait("Tier", Tier.Http)]
public sealed class HostileInputTests(SecuredHostFixture fixture) : IClassFixture<SecuredHostFixture>
{
    public static TheoryData<string, HttpStatusCode> SignedWebhookBodies => new()
    {
        { "oversized", HttpStatusCode.RequestEntityTooLarge },
        { "too-many-fields", HttpStatusCode.BadRequest },
        { "huge-field-name", HttpStatusCode.BadRequest },
        { "json", HttpStatusCode.UnsupportedMediaType },
        { "binary", HttpStatusCode.UnsupportedMediaType },
    };

    [Theory]
    [MemberData(nameof(SignedWebhookBodies))]
    public async Task Bodies_no_twilio_would_send_are_refused_before_reaching_a_grain(string kind, HttpStatusCode expected)
    {
        var before = await fixture.AliceCallAsync();
        using var client = fixture.Host.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/conference/connect/client") { Content = Body(kind) };
        // Well-formed but wrong: the body is read (within the limits) before the signature can be checked.
        request.Headers.Add(TwilioSignatureFilter.SignatureHeader, Convert.ToBase64String(new byte[20]));

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before.Participants.ToArray(), (await fixture.AliceCallAsync()).Participants.ToArray());
    }

    public static TheoryData<string, string> AbsurdPaths => new()
    {
        { "POST", "/conference/..%2F..%2Fetc%2Fpasswd/events" },
        { "POST", "/conference/CA00000000000000000000000000000000/connect/..%2Falice" },
        { "POST", "/conference/CA00000000000000000000000000000000%00/events" },
        { "POST", "/conference/" + new string('C', 5000) + "/events" },
        { "POST", "/conference/CA00000000000000000000000000000000/calls/" + new string('a', 500) + "/status" },
        { "POST", "/conference/CA00000000000000000000000000000000/calls/%E2%98%83/status" },
        { "POST", "/%2e%2e/token" },
        { "GET", "/agents/alice%2F..%2Fbob" },
        { "DELETE", "/agents/alice" },
        { "GET", "/conference/connect/client" },
    };

    [Theory]
    [MemberData(nameof(AbsurdPaths))]
    public async Task Path_tricks_get_a_4xx_never_a_500(string method, string path)
    {
        using var alice = await AgentSession.SignInAsync(fixture.Host, "alice");
        var form = new Dictionary<string, string> { ["CallSid"] = Sid.Call(), ["ConferenceSid"] = Sid.Conference(), ["SequenceNumber"] = "1", ["CallStatus"] = "completed" };
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignatureFilter.SignatureHeader, TwilioSignature.Compute(TestCredentials.AuthToken, fixture.Host.PublicBaseUrl.AbsoluteUri.TrimEnd('/') + path, form));
        request.Headers.Add("X-CSRF-TOKEN", alice.CsrfToken);

        using var response = await alice.Client.SendAsync(request);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(ConferencePhase.Connected, (await fixture.AliceCallAsync()).Phase);
    }

    public static TheoryData<string, string, string> BadAgentBodies => new()
    {
        { "/agents/alice/presence", "application/json", "{\"presence\":" },
        { "/agents/alice/presence", "application/json", "{\"presence\":\"dancing\"}" },
        { "/agents/alice/presence", "application/json", "{\"presence\":\"onCall\"}" },
        { "/agents/alice/presence", "text/plain", "away" },
        { "/agents/alice/transfer", "application/json", "{\"to\":\"../bob\"}" },
        { "/agents/alice/transfer", "application/json", "{\"to\":\"" + new string('x', 300) + "\"}" },
        { "/agents/alice/transfer", "application/json", "{\"to\":\"alice\"}" },
        { "/agents/alice/hold", "application/json", "[1,2,3]" },
        { "/agents/alice/hold", "application/xml", "<hold>true</hold>" },
    };

    [Theory]
    [MemberData(nameof(BadAgentBodies))]
    public async Task Bad_agent_requests_get_a_4xx_with_a_reason(string path, string contentType, string body)
    {
        using var alice = await AgentSession.SignInAsync(fixture.Host, "alice");
        var method = path.EndsWith("/presence") ? HttpMethod.Put : HttpMethod.Post;
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("X-CSRF-TOKEN", alice.CsrfToken);

        using var response = await alice.Client.SendAsync(request);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.False(string.IsNullOrWhiteSpace(problem!.Title));
        var agent = await fixture.Host.Grains.GetGrain<IAgentGrain>("alice").GetAsync();
        Assert.Equal((AgentPresence.OnCall, fixture.AliceConference), (agent.Presence, agent.CurrentConferenceId));
    }

    private static HttpContent Body(string kind) => kind switch
    {
        "oversized" => new FormUrlEncodedContent([new("CallSid", Sid.Call()), new("Padding", new string('x', 200_000))]),
        "too-many-fields" => new FormUrlEncodedContent(Enumerable.Range(0, 500).Select(i => new KeyValuePair<string, string>($"f{i}", "v"))),
        "huge-field-name" => new FormUrlEncodedContent([new(new string('k', 2000), "v")]),
        "json" => JsonContent.Create(new { CallSid = Sid.Call() }),
        "binary" => new ByteArrayContent([0, 1, 2, 3]) { Headers = { ContentType = new("application/octet-stream") } },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
