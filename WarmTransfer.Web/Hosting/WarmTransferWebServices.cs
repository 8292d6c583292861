using WarmTransfer.Web.Operations;
using WarmTransfer.Grains.Telemetry;
using WarmTransfer.Web.Health;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Web.Accounts;
using WarmTransfer.Web.Agents;
using WarmTransfer.Web.Twilio;

namespace WarmTransfer.Web.Hosting;

public static class WarmTransferWebServices
{
    /// <summary>Twilio webhooks and agents' requests are small; anything bigger is refused before it is read.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static WebApplicationBuilder AddWarmTransferWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddWarmTransferOrleans();
        builder.AddSharedDataProtection();
        builder.AddWarmTransferTelemetry("WarmTransfer.Web");
        builder.AddOperatorDashboard();
        services.AddWarmTransferOptions();
        services.AddOptions<AgentAccountsOptions>().BindConfiguration(AgentAccountsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = 200;
            form.KeyLengthLimit = 256;
            form.ValueLengthLimit = 16 * 1024;
            form.MultipartBodyLengthLimit = MaxRequestBodyBytes;
        });
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddProblemDetails();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = "wt.agent";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
            cookie.SlidingExpiration = true;
            // An API answers 401/403; it never redirects to a login page.
            cookie.Events.OnRedirectToLogin = context => Refuse(context.Response, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Refuse(context.Response, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = CsrfFilter.HeaderName;
            antiforgery.Cookie.Name = "wt.csrf";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            // The token comes in the header only: checking it never reads (or waits for) the body.
            antiforgery.SuppressReadingTokenFromFormBody = true;
        });
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, cancellationToken) => new ValueTask(Problems
                .Status(StatusCodes.Status429TooManyRequests, "Too many requests", "Slow down and try again in a minute.")
                .ExecuteAsync(context.HttpContext));
            limiter.AddPolicy(RateLimitPolicies.SignIn, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Limits(http).SignInPerMinute, Window = TimeSpan.FromMinutes(1) }));
            limiter.AddPolicy(RateLimitPolicies.Agents, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirstValue(ClaimTypes.Name) ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Limits(http).AgentRequestsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });

        services.AddSingleton<PublicUrls>();
        services.AddSingleton<ReplayGuard>();
        services.AddSingleton<LostCallbackRepair>();
        services.AddWarmTransferHealth(builder.Configuration);
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<AgentEventStream>();
        services.AddSingleton<RejectionLog>();
        services.AddSingleton<FormBodies>();
        services.AddSingleton<TwilioSignatureFilter>();
        services.AddSingleton<CsrfFilter>();
        services.AddSingleton<AgentRouteFilter>();
        services.AddHostedService<ConfigurationReport>();
        services.AddDevelopmentSignIn();
        return builder;
    }

    private static RateLimitOptions Limits(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<RateLimitOptions>>().CurrentValue;

    private static Task Refuse(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
