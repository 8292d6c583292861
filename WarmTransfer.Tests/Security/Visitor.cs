using System.Net;
using WarmTransfer.Tests.Support;
using WarmTransfer.Web.Accounts;

namespace WarmTransfer.Tests.Security;

/// <summary>An anonymous visitor's cookie and CSRF token, as GET /account/session hands them out: enough to try signing in.</summary>
public sealed record Visitor(string CookieHeader, string CsrfToken)
{
    public static async Task<Visitor> ArriveAsync(TestWebHost host)
    {
        var cookies = new CookieContainer();
        using var client = host.CreateClient(cookies);
        var session = await client.GetFromJsonAsync<SessionView>("/account/session", Json.Options);
        return new Visitor(cookies.GetCookieHeader(host.BaseUrl), session!.CsrfToken);
    }
}
