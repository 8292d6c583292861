using System.Net;
using System.Text.Json;
using WarmTransfer.Web.Accounts;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Benchmarks;

/// <summary>A signed-in agent's console: its cookie and CSRF token, and the agent API's commands.</summary>
public sealed class AgentBrowser(string agentId, HttpClient http, string csrfToken) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string AgentId { get; } = agentId;

    /// <summary>Signs in as the console does and fetches a Voice token, which makes the agent available.</summary>
    public static async Task<AgentBrowser> SignInAsync(Uri baseUrl, string agentId)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseUrl };
        var anonymous = await http.GetFromJsonAsync<SessionView>("/account/session", Json);
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/account/signin") { Content = JsonContent.Create(new SignInRequest(agentId, SystemUnderTest.AgentPassword)) };
        signIn.Headers.Add(CsrfFilter.HeaderName, anonymous!.CsrfToken);
        using var signedIn = await http.SendAsync(signIn);
        signedIn.EnsureSuccessStatusCode();
        var session = await signedIn.Content.ReadFromJsonAsync<SessionView>(Json);
        var browser = new AgentBrowser(agentId, http, session!.CsrfToken);
        await browser.PostAsync($"/{agentId}/token", null);
        return browser;
    }

    /// <summary>Transfers to any free agent; while none is free (409), asks again shortly, as an agent waiting for a colleague would.</summary>
    public async Task TransferToAnyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await PostAsync($"/agents/{AgentId}/transfer", new TransferRequest(null), retryOnConflict: DateTime.UtcNow < deadline))
        {
            await Task.Delay(100);
        }
    }

    public Task CompleteTransferAsync() => PostAsync($"/agents/{AgentId}/transfer/complete", null);

    public void Dispose() => http.Dispose();

    private async Task<bool> PostAsync(string path, object? body, bool retryOnConflict = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json) };
        request.Headers.Add(CsrfFilter.HeaderName, csrfToken);
        using var response = await http.SendAsync(request);
        if (retryOnConflict && response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{AgentId} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return true;
    }
}
