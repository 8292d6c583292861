namespace WarmTransfer.Web.Hosting;

/// <summary>Until a Client-mode node reaches the cluster, requests that need grains get 503 (health and metrics still answer).</summary>
public sealed class ClusterConnectionGate(ClusterConnection connection) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, nextMiddleware) =>
        {
            if (connection.IsConnected || http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/metrics"))
            {
                await nextMiddleware(http);
                return;
            }

            http.Response.Headers.RetryAfter = "5";
            await Problems.Unavailable($"This node has not reached an Orleans silo yet ({connection.LastError}).").ExecuteAsync(http);
        });
        next(app);
    };
}
