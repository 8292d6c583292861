using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Http;

[Trait("Tier", Tier.Http)]
public sealed class AccessTokenTests(WebHostFixture fixture) : IClassFixture<WebHostFixture>
{
    private TestWebHost Host => fixture.Host;

    [Fact]
    public async Task An_agent_gets_a_signed_voice_token_for_its_own_identity_that_allows_incoming_calls()
    {
        using var alice = await AgentSession.SignInAsync(Host, "alice");
        var before = DateTimeOffset.UtcNow;

        var issued = await alice.ConnectAsync();

        Assert.Equal("alice", issued.AgentId);
        var handler = new JwtSecurityTokenHandler();
        handler.ValidateToken(issued.Token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestCredentials.ApiKeySecret)),
            ValidIssuer = TestCredentials.ApiKeySid,
            ValidateAudience = false,
            ClockSkew = TimeSpan.Zero,
        }, out var validated);
        var jwt = (JwtSecurityToken)validated;
        Assert.Equal("HS256", jwt.Header.Alg);
        Assert.Equal("twilio-fpa;v=1", jwt.Header["cty"]);
        Assert.Equal(TestCredentials.AccountSid, jwt.Subject);
        using var grants = JsonDocument.Parse(jwt.Payload["grants"].ToString()!);
        Assert.Equal("alice", grants.RootElement.GetProperty("identity").GetString());
        Assert.True(grants.RootElement.GetProperty("voice").GetProperty("incoming").GetProperty("allow").GetBoolean());
        var lifetime = jwt.ValidTo - before.UtcDateTime;
        Assert.InRange(lifetime, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
        Assert.Equal(jwt.ValidTo, issued.ExpiresAt.UtcDateTime, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Fetching_a_token_connects_the_agent_who_becomes_available()
    {
        using var bob = await AgentSession.SignInAsync(Host, "bob");

        await bob.ConnectAsync();

        var snapshot = await bob.GetAsync<JsonElement>("/agents/bob");
        Assert.Equal("available", snapshot.GetProperty("agent").GetProperty("presence").GetString());
        Assert.Equal(AgentPresence.Available, await Host.Grains.GetGrain<IAgentGrain>("bob").GetAsync().ContinueWith(t => t.Result.Presence));
    }

    [Theory]
    [InlineData("/carol/token", HttpStatusCode.Forbidden)]
    [InlineData("/al%20ice/token", HttpStatusCode.BadRequest)]
    [InlineData("/alice-smith/token", HttpStatusCode.BadRequest)]
    public async Task A_token_for_another_or_an_invalid_identity_is_refused(string path, HttpStatusCode expected)
    {
        using var alice = await AgentSession.SignInAsync(Host, "alice");

        using var response = await alice.PostAsync(path);

        Assert.Equal(expected, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.False(string.IsNullOrEmpty(problem!.Detail));
    }

    [Fact]
    public async Task A_token_needs_a_signed_in_agent()
    {
        using var client = Host.CreateClient();

        using var response = await client.PostAsync("/alice/token", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Without_twilio_credentials_the_server_starts_serves_the_console_and_names_what_is_missing()
    {
        await using var bare = await TestWebHost.StartAsync(settings =>
        {
            foreach (var key in new[] { "Twilio:AccountSid", "Twilio:AuthToken", "Twilio:ApiKeySid", "Twilio:ApiKeySecret", "Twilio:CallerId" })
            {
                settings[key] = null;
            }
        });
        using var client = bare.CreateClient();
        using var alice = await AgentSession.SignInAsync(bare, "alice");

        using var page = await client.GetAsync("/");
        using var token = await alice.PostAsync("/alice/token");
        using var webhook = await new SignedWebhooks(bare, client).PostAsync("/conference/connect/client", new Dictionary<string, string> { ["CallSid"] = Sid.Call() });

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
        Assert.Contains("Twilio:ApiKeySid", (await token.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, webhook.StatusCode);
        Assert.Contains("Twilio:AuthToken", (await webhook.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task An_api_key_secret_too_short_to_sign_tokens_stops_the_start_naming_the_key()
    {
        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            TestWebHost.StartAsync(settings => settings["Twilio:ApiKeySecret"] = "only_twenty_chars_xx"));

        Assert.Contains("Twilio:ApiKeySecret must be at least 32 characters", failure.Message);
    }
}
