using System.Security.Claims;

namespace WarmTransfer.Web.Agents;

/// <summary>An agent route acts only on the signed-in agent's own id, and that id must be a valid identity.</summary>
public sealed class AgentRouteFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var agentId = http.Request.RouteValues["agentId"] as string;
        if (!AgentIdentity.IsValid(agentId))
        {
            return ValueTask.FromResult<object?>(Problems.BadRequest(AgentIdentity.Rule));
        }

        if (http.User.FindFirstValue(ClaimTypes.Name) != agentId)
        {
            return ValueTask.FromResult<object?>(Problems.Status(StatusCodes.Status403Forbidden, "Not your agent",
                "You are signed in as another agent; an agent can only act on its own calls."));
        }

        return next(context);
    }
}
