using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace WarmTransfer.Grains.Hosting;

public static class SiloDashboard
{
    /// <summary>
    /// A standalone silo has no sign-in: its dashboard answers only requests that reached it over loopback (an operator
    /// on the machine, or through an SSH tunnel); others get 404. Signed-in operators use a web node's /dashboard.
    /// </summary>
    public static IEndpointRouteBuilder MapLoopbackDashboard(this IEndpointRouteBuilder app)
    {
        if (DashboardSettings.From(app.ServiceProvider.GetRequiredService<IConfiguration>()).Enabled)
        {
            app.MapOrleansDashboard(DashboardSettings.Path).AddEndpointFilter(async (context, next) =>
                context.HttpContext.Connection.LocalIpAddress is { } local && IPAddress.IsLoopback(local)
                    ? await next(context)
                    : Results.NotFound());
        }

        return app;
    }
}
