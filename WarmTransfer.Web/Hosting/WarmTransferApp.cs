using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Logging;
using WarmTransfer.Grains.Telemetry;
using WarmTransfer.Web.Accounts;
using WarmTransfer.Web.Agents;
using WarmTransfer.Web.Health;
using WarmTransfer.Web.Operations;
using WarmTransfer.Web.Sandbox;
using WarmTransfer.Web.Twilio;

namespace WarmTransfer.Web.Hosting;

/// <summary>
/// The whole web host in one place: its services, its middleware and its endpoints. Program runs it; tests start it on
/// loopback with their own settings.
/// </summary>
public static class WarmTransferApp
{
    /// <summary>Twilio webhooks and agents' requests are small; anything bigger is refused before it is read.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Where a single node keeps its data-protection keys; empty means ASP.NET Core's default (~/.aspnet/DataProtection-Keys).</summary>
    public const string KeysDirectorySetting = "DataProtection:KeysDirectory";

    private const string RedisKeysKey = "warmtransfer:data-protection-keys";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddBatchedConsoleLogging();
        AddOrleans(builder);
        AddDataProtection(builder);
        builder.AddWarmTransferTelemetry("WarmTransfer.Web");
        builder.AddOperatorDashboard();
        AddOptions(builder.Services);
        AddRequestLimits(builder);
        AddSignIn(builder.Services);
        AddRateLimits(builder.Services);
        AddApplicationServices(builder);
        builder.AddWarmTransferSandbox();
        configure?.Invoke(builder);

        var app = builder.Build();
        UsePipeline(app);
        app.MapHealth();
        app.UsePrometheusScraping();
        app.MapOperatorDashboard();
        app.MapTwilioWebhooks();
        app.MapAccountApi();
        app.MapAgentApi();
        app.MapSandbox();
        return app;
    }

    /// <summary>Embedded (default): this process runs a silo. Client: this process joins a cluster of WarmTransfer.Silo processes.</summary>
    private static void AddOrleans(WebApplicationBuilder builder)
    {
        if (OrleansHostingOptions.From(builder.Configuration).Mode == OrleansMode.Client)
        {
            builder.UseOrleansClientInBackground(client => client.AddWarmTransferClient(builder.Configuration));
        }
        else
        {
            builder.UseOrleans(silo => silo.AddWarmTransferSilo(builder.Configuration, inWebHost: true));
        }
    }

    /// <summary>
    /// Sign-in cookies and CSRF tokens are protected with keys every web node must share: with Redis (several stateless
    /// web nodes) the keys live in Redis; a single node keeps them on its own disk, so agents stay signed in across a restart.
    /// </summary>
    private static void AddDataProtection(WebApplicationBuilder builder)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName("WarmTransfer");
        if (OrleansHostingOptions.From(builder.Configuration).RedisConnectionString is { Length: > 0 } connectionString)
        {
            // Data protection reads its keys synchronously: this connection keeps StackExchange.Redis' own reader threads
            // (not RedisConnectionOptions'), so a busy thread pool cannot hold up the reply a blocked thread waits for.
            var redis = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(connectionString));
            protection.PersistKeysToStackExchangeRedis(() => redis.Value.GetDatabase(), RedisKeysKey);
        }
        else if (builder.Configuration[KeysDirectorySetting] is { Length: > 0 } directory)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(directory));
        }
    }

    private static void AddOptions(IServiceCollection services)
    {
        services.AddWarmTransferOptions();
        services.AddOptions<AgentAccountsOptions>().BindConfiguration(AgentAccountsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddProblemDetails();
    }

    private static void AddRequestLimits(WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = 200;
            form.KeyLengthLimit = 256;
            form.ValueLengthLimit = 16 * 1024;
            form.MultipartBodyLengthLimit = MaxRequestBodyBytes;
        });
    }

    private static void AddSignIn(IServiceCollection services)
    {
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
        services.AddDevelopmentSignIn();
    }

    private static void AddRateLimits(IServiceCollection services) => services.AddRateLimiter(limiter =>
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

    private static void AddApplicationServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
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
    }

    private static void UsePipeline(WebApplication app)
    {
        // Malformed requests (too big, unreadable forms) are the client's fault: keep their 4xx, as ProblemDetails, without an error log.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ClientFaults.StatusCode,
            SuppressDiagnosticsCallback = ClientFaults.SuppressDiagnostics,
        });
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseMiddleware<Utf8Bodies>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // After who and how often, before the endpoint binds its parameters (which reads the body).
        app.UseRequestGates();
    }

    private static RateLimitOptions Limits(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;

    private static Task Refuse(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
