using System.Net;
using Microsoft.AspNetCore.Mvc;
using WarmTransfer.Tests.Support;
using WarmTransfer.Web.Accounts;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Security;

[Trait("Tier", Tier.Http)]
public sealed class SignInTests
{
    [Fact]
    public async Task A_wrong_password_or_an_unknown_agent_fails_the_same_way()
    {
        await using var host = await TestWebHost.StartAsync();

        var wrongPassword = await SignInStatus(host, "alice", "not the password");
        var unknownAgent = await SignInStatus(host, "zed", TestCredentials.AgentPassword);
        var rightPassword = await SignInStatus(host, "alice", TestCredentials.AgentPassword);

        Assert.Equal((HttpStatusCode.Unauthorized, "Unknown agent or wrong password."), wrongPassword);
        Assert.Equal((HttpStatusCode.Unauthorized, "Unknown agent or wrong password."), unknownAgent);
        Assert.Equal(HttpStatusCode.OK, rightPassword.Status);
    }

    [Fact]
    public async Task Development_sign_in_is_off_outside_development()
    {
        await using var production = await TestWebHost.StartAsync(s => s["Agents:DevelopmentSignIn"] = "true");
        await using var development = await TestWebHost.StartAsync(s => (s["Agents:DevelopmentSignIn"], s["environment"]) = ("true", "Development"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInStatus(production, "zed", "anything")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SignInStatus(development, "zed", "anything")).Status);
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_per_client()
    {
        await using var host = await TestWebHost.StartAsync(s => s["RateLimits:SignInPerMinute"] = "3");

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            statuses.Add((await SignInStatus(host, "alice", "guess " + attempt)).Status);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Agent_requests_are_rate_limited_per_agent()
    {
        await using var host = await TestWebHost.StartAsync(s => s["RateLimits:AgentRequestsPerMinute"] = "5");
        using var alice = await AgentSession.SignInAsync(host, "alice");

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 7; attempt++)
        {
            using var response = await alice.Client.GetAsync("/agents/alice");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), statuses);
    }

    [Fact]
    public async Task A_password_hash_printed_by_the_command_signs_the_agent_in()
    {
        using var output = new StringWriter();
        var exit = PasswordHashCommand.Run(new StringReader("s3cret passphrase\n"), output, TextWriter.Null);
        var hash = output.ToString().Trim();

        await using var host = await TestWebHost.StartAsync(s => s["Agents:Accounts:erin:PasswordHash"] = hash);

        Assert.Equal(0, exit);
        Assert.DoesNotContain("s3cret", hash);
        Assert.Equal(HttpStatusCode.OK, (await SignInStatus(host, "erin", "s3cret passphrase")).Status);
    }

    [Fact]
    public async Task A_plain_text_password_in_configuration_stops_the_server_with_a_clear_message()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => TestWebHost.StartAsync(s => s["Agents:Accounts:erin:PasswordHash"] = "hunter2"));

        Assert.Contains("Agents:Accounts:erin:PasswordHash is not a password hash", failure.Message);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_takes_the_agent_offline()
    {
        await using var host = await TestWebHost.StartAsync();
        using var alice = await AgentSession.SignInAsync(host, "alice");
        await alice.ConnectAsync();

        using var signOut = await alice.PostAsync("/account/signout");
        using var afterwards = await alice.Client.GetAsync("/agents/alice");

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
        var agent = await host.Grains.GetGrain<Grains.Agents.IAgentGrain>("alice").GetAsync();
        Assert.Equal(Grains.Agents.AgentPresence.Offline, agent.Presence);
    }

    private static async Task<(HttpStatusCode Status, string? Detail)> SignInStatus(TestWebHost host, string agentId, string password)
    {
        using var client = host.CreateClient();
        var session = await client.GetFromJsonAsync<SessionView>("/account/session", Json.Options);
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin") { Content = JsonContent.Create(new SignInRequest(agentId, password)) };
        request.Headers.Add(CsrfFilter.HeaderName, session!.CsrfToken);
        using var response = await client.SendAsync(request);
        var detail = response.IsSuccessStatusCode ? null : (await response.Content.ReadFromJsonAsync<ProblemDetails>())?.Detail;
        return (response.StatusCode, detail);
    }
}
