using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Web.Agents;
using WarmTransfer.Web.Hosting;

namespace WarmTransfer.Web.Accounts;

/// <summary>Agents sign in with a password from configuration and get a cookie; every change then needs the CSRF token.</summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").DisableAntiforgery().WithTags("Account");
        account.MapGet("/session", Session);
        account.MapPost("/signin", SignIn).AddRequestGate<CsrfFilter>().RequireRateLimiting(RateLimitPolicies.SignIn);
        account.MapPost("/signout", SignOut).RequireAuthorization().AddRequestGate<CsrfFilter>();
        return app;
    }

    public static Ok<SessionView> Session(HttpContext http, IAntiforgery antiforgery)
    {
        var agentId = http.User.Identity?.IsAuthenticated == true ? http.User.FindFirstValue(ClaimTypes.Name) : null;
        return TypedResults.Ok(new SessionView(agentId is not null, agentId, antiforgery.GetAndStoreTokens(http).RequestToken!));
    }

    public static async Task<Results<Ok<SessionView>, ProblemHttpResult>> SignIn(
        SignInRequest request, HttpContext http, IAntiforgery antiforgery, IOptionsMonitor<AgentAccountsOptions> accounts, DevelopmentSignIn developmentSignIn)
    {
        if (!AgentIdentity.IsValid(request.AgentId))
        {
            return Problems.BadRequest(AgentIdentity.Rule);
        }

        if (!developmentSignIn.IsOn)
        {
            var hash = accounts.CurrentValue.Accounts.TryGetValue(request.AgentId, out var account) ? account.PasswordHash : null;
            if (string.IsNullOrEmpty(request.Password) || !PasswordHashes.Verify(hash, request.Password))
            {
                return Problems.Status(StatusCodes.Status401Unauthorized, "Sign-in failed", "Unknown agent or wrong password.");
            }
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, request.AgentId)], CookieAuthenticationDefaults.AuthenticationScheme));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        http.User = principal; // so the CSRF token below is bound to the agent, not to the anonymous visitor
        return TypedResults.Ok(new SessionView(true, request.AgentId, antiforgery.GetAndStoreTokens(http).RequestToken!));
    }

    /// <summary>Signing out takes the agent offline (after the current call, if any).</summary>
    public static async Task<NoContent> SignOut(HttpContext http, IGrainFactory grains)
    {
        if (http.User.FindFirstValue(ClaimTypes.Name) is { } agentId)
        {
            await grains.GetGrain<IAgentGrain>(agentId).ChoosePresenceAsync(AgentPresence.Offline);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }
}
