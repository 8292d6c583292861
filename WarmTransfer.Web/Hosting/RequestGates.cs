namespace WarmTransfer.Web.Hosting;

/// <summary>Gates are declared on routes like endpoint filters, and run by one middleware between routing and the endpoint.</summary>
public static class RequestGates
{
    public static RouteGroupBuilder AddRequestGate<TGate>(this RouteGroupBuilder builder) where TGate : IRequestGate =>
        builder.WithMetadata(new RequestGateMetadata(typeof(TGate)));

    public static RouteHandlerBuilder AddRequestGate<TGate>(this RouteHandlerBuilder builder) where TGate : IRequestGate =>
        builder.WithMetadata(new RequestGateMetadata(typeof(TGate)));

    /// <summary>Runs the endpoint's gates in the order they were declared (outer groups first); the first refusal is the answer.</summary>
    public static IApplicationBuilder UseRequestGates(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        foreach (var gate in http.GetEndpoint()?.Metadata.GetOrderedMetadata<RequestGateMetadata>() ?? [])
        {
            var check = (IRequestGate)http.RequestServices.GetRequiredService(gate.GateType);
            if (await check.CheckAsync(http) is { } refusal)
            {
                await refusal.ExecuteAsync(http);
                return;
            }
        }

        await next(http);
    });
}
