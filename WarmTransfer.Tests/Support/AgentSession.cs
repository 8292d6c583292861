using System.Net;
using WarmTransfer.Web.Accounts;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Support;

/// <summary>A signed-in agent's browser: cookie jar plus the CSRF token every change must carry.</summary>
public sealed class AgentSession(HttpClient client, string agentId, string csrfToken, CookieContainer cookies) : IDisposable
{
    public HttpClient Client { get; } = client;

    /// <summary>The session's cookies, for a client that must send them by hand (raw sockets, a client without a jar).</summary>
    public CookieContainer Cookies { get; } = cookies;

    public string AgentId { get; } = agentId;

    public string CsrfToken { get; } = csrfToken;

    public static async Task<AgentSession> SignInAsync(TestWebHost host, string agentId, string? password = null)
    {
        var cookies = new CookieContainer();
        var client = host.CreateClient(cookies);
        var anonymous = await client.GetFromJsonAsync<SessionView>("/account/session", Json.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = JsonContent.Create(new SignInRequest(agentId, password ?? TestCredentials.AgentPassword)),
        };
        request.Headers.Add(CsrfFilter.HeaderName, anonymous!.CsrfToken);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var session = await response.Content.ReadFromJsonAsync<SessionView>(Json.Options);
        return new AgentSession(client, agentId, session!.CsrfToken, cookies);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<HttpResponseMessage> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(CsrfFilter.HeaderName, CsrfToken);
        return Client.SendAsync(request);
    }

    public async Task<T> GetAsync<T>(string path) => (await Client.GetFromJsonAsync<T>(path, Json.Options))!;

    public async Task<IssuedToken> ConnectAsync()
    {
        using var response = await PostAsync($"/{AgentId}/token");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IssuedToken>(Json.Options))!;
    }

    public void Dispose() => Client.Dispose();

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json.Options) };
        request.Headers.Add(CsrfFilter.HeaderName, CsrfToken);
        return Client.SendAsync(request);
    }
}
