using System.Net;
using System.Text.Json;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Http;

[Trait("Tier", Tier.Http)]
public sealed class HealthTests
{
    [Fact]
    public async Task A_configured_node_is_live_and_ready()
    {
        await using var host = await TestWebHost.StartAsync();
        using var client = host.CreateClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal(["grains", "twilio"], checks.EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task A_node_without_twilio_credentials_is_live_but_not_ready_and_says_what_is_missing()
    {
        await using var host = await TestWebHost.StartAsync(settings => settings["Twilio:AuthToken"] = null);
        using var client = host.CreateClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("Not set: Twilio:AuthToken.", await ready.Content.ReadAsStringAsync());
    }
}
