using System.Security.Claims;
using Orleans.Dashboard;
using WarmTransfer.Grains.Hosting;

namespace WarmTransfer.Web.Operations;

/// <summary>The Orleans Dashboard at /dashboard on a web node: for signed-in agents listed in Dashboard:Operators only.</summary>
public static class OperatorDashboard
{
    public const string Policy = "DashboardOperators";

    public static WebApplicationBuilder AddOperatorDashboard(this WebApplicationBuilder builder)
    {
        var operators = DashboardSettings.From(builder.Configuration).Operators.ToHashSet(StringComparer.Ordinal);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.FindFirstValue(ClaimTypes.Name) is { } agentId && operators.Contains(agentId)));
        return builder;
    }

    public static IEndpointRouteBuilder MapOperatorDashboard(this IEndpointRouteBuilder app)
    {
        if (DashboardSettings.From(app.ServiceProvider.GetRequiredService<IConfiguration>()).Enabled)
        {
            app.MapOrleansDashboard(DashboardSettings.Path).RequireAuthorization(Policy);
        }

        return app;
    }
}
