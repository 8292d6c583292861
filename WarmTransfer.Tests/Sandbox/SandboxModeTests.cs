using System.Net;
using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Hosting;
using WarmTransfer.Web.Sandbox;

namespace WarmTransfer.Tests.Sandbox;

[Trait("Tier", Tier.Browser)]
public sealed class SandboxModeTests
{
    [Fact]
    public void Production_refuses_a_sandbox_asked_for_with_one_line_saying_why()
    {
        var refused = Assert.Throws<SandboxRefusedException>(() =>
            WarmTransferApp.Create(["--environment=Production", "--WarmTransfer:Sandbox=true", $"--contentRoot={RepositoryPaths.WebProject}"]));

        Assert.Equal(
            "WarmTransfer:Sandbox=true is refused in the Production environment: the sandbox simulates every call and must never answer real ones.",
            refused.Message);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void A_cluster_client_refuses_a_sandbox_asked_for_since_its_silos_could_not_reach_the_emulator()
    {
        var refused = Assert.Throws<SandboxRefusedException>(() =>
            WarmTransferApp.Create(["--environment=Development", "--WarmTransfer:Sandbox=true", "--Orleans:Mode=Client", $"--contentRoot={RepositoryPaths.WebProject}"]));

        Assert.StartsWith("WarmTransfer:Sandbox=true needs Orleans:Mode=Embedded", refused.Message);
    }

    [Fact]
    public async Task Production_without_Twilio_credentials_runs_no_sandbox()
    {
        await using var host = await SandboxHost.StartAsync(environment: "Production");
        using var client = host.CreateClient();

        Assert.Null(host.Services.GetService<SandboxTwilio>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sandbox")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/sandbox/calls", new { from = "+15550001111" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/sandbox/phone/registrations", new { token = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Development_without_Twilio_credentials_points_the_Twilio_client_at_its_own_emulator()
    {
        await using var host = await SandboxHost.StartAsync();
        using var client = host.CreateClient();

        var sandbox = host.Services.GetRequiredService<SandboxTwilio>();
        var twilio = host.Services.GetRequiredService<IOptions<TwilioOptions>>().Value;
        Assert.Equal(sandbox.Twilio.ApiBaseUrl, twilio.ApiBaseUrl);
        Assert.Equal(EmulatorAccount.AccountSid, twilio.AccountSid);
        Assert.True(sandbox.Twilio.ApiBaseUrl.IsLoopback);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Contains("Sandbox: these callers are simulated", await client.GetStringAsync("/sandbox"));
        Assert.Contains("wired to the Twilio emulator", await client.GetStringAsync("/lib/twilio.min.js"));
    }

    [Fact]
    public async Task A_sandbox_can_be_turned_off_in_Development()
    {
        await using var host = await SandboxHost.StartAsync(configure: settings => settings[SandboxMode.Key] = "false");
        using var client = host.CreateClient();

        Assert.Null(host.Services.GetService<SandboxTwilio>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sandbox")).StatusCode);
    }

    [Fact]
    public async Task The_sandbox_refuses_bad_callers_and_phones_with_a_reason()
    {
        await using var host = await SandboxHost.StartAsync();
        using var client = host.CreateClient();

        var notANumber = await client.PostAsJsonAsync("/sandbox/calls", new { from = "alice" });
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.Contains("E.164", await notANumber.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/sandbox/calls", new StringContent("{", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/sandbox/calls/CA0123/hangup", null)).StatusCode);

        var forged = await client.PostAsJsonAsync("/sandbox/phone/registrations", new { token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl" });
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Contains("not valid", await forged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/sandbox/phone/registrations/nope/calls/CA1/accept", null)).StatusCode);
    }
}
