using System.Net;
using WarmTransfer.Tests.Support;
using WarmTransfer.Web.Accounts;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Security;

[Trait("Tier", Tier.Http)]
public sealed class DevelopmentSignInTests
{
    [Fact]
    public async Task Development_sign_in_refuses_to_start_on_an_address_other_machines_can_reach()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => TestWebHost.StartAsync(s =>
            (s["environment"], s["Agents:DevelopmentSignIn"], s["urls"]) = ("Development", "true", OnEveryAddress(s["urls"]!))));

        Assert.Contains("Agents:DevelopmentSignIn lets any password sign in", failure.ToString());
        Assert.Contains("http://0.0.0.0:", failure.ToString());
    }

    [Fact]
    public async Task A_published_host_in_production_on_any_address_starts_with_development_sign_in_ignored()
    {
        await using var host = await TestWebHost.StartAsync(s => (s["Agents:DevelopmentSignIn"], s["urls"]) = ("true", OnEveryAddress(s["urls"]!)));

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(host, "zed", "anything"));
    }

    [Fact]
    public async Task Development_sign_in_on_loopback_works_and_is_announced_as_a_warning()
    {
        var logs = new CapturedLogs();
        await using var host = await TestWebHost.StartAsync(
            s => (s["environment"], s["Agents:DevelopmentSignIn"]) = ("Development", "true"),
            services: builder => builder.Logging.AddProvider(logs));

        Assert.Equal(HttpStatusCode.OK, await SignInAsync(host, "zed", "anything"));
        Assert.Contains(logs.Lines, line => line.StartsWith("Warning ", StringComparison.Ordinal) && line.Contains("DEVELOPMENT SIGN-IN IS ON"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5245", true)]
    [InlineData("http://localhost:5245", true)]
    [InlineData("http://[::1]:5245", true)]
    [InlineData("http://0.0.0.0:5245", false)]
    [InlineData("http://[::]:5245", false)]
    [InlineData("http://*:5245", false)]
    [InlineData("http://+:5245", false)]
    [InlineData("https://10.0.0.7:443", false)]
    [InlineData("http://example.com:80", false)]
    public void Only_loopback_addresses_count_as_loopback(string address, bool loopback) =>
        Assert.Equal(loopback, DevelopmentSignIn.IsLoopback(address));

    private static string OnEveryAddress(string url) => url.Replace("127.0.0.1", "0.0.0.0", StringComparison.Ordinal);

    private static async Task<HttpStatusCode> SignInAsync(TestWebHost host, string agentId, string password)
    {
        using var client = host.CreateClient();
        var session = await client.GetFromJsonAsync<SessionView>("/account/session", Json.Options);
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin") { Content = JsonContent.Create(new SignInRequest(agentId, password)) };
        request.Headers.Add(CsrfFilter.HeaderName, session!.CsrfToken);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
