using System.Security.Claims;
using WarmTransfer.Web.Hosting;

namespace WarmTransfer.Web.Agents;

/// <summary>An agent route acts only on the signed-in agent's own id, and that id must be a valid identity. A gate: checked before the body is read.</summary>
public sealed class AgentRouteFilter(RejectionLog rejections) : IRequestGate
{
    public ValueTask<IResult?> CheckAsync(HttpContext http)
    {
        var agentId = http.Request.RouteValues["agentId"] as string;
        if (!AgentIdentity.IsValid(agentId))
        {
            rejections.Refused(RejectionKind.WrongAgent, http.Request, AgentIdentity.Rule);
            return ValueTask.FromResult<IResult?>(Problems.BadRequest(AgentIdentity.Rule));
        }

        if (http.User.FindFirstValue(ClaimTypes.Name) != agentId)
        {
            rejections.Refused(RejectionKind.WrongAgent, http.Request, "another agent's route");
            return ValueTask.FromResult<IResult?>(Problems.Status(StatusCodes.Status403Forbidden, "Not your agent",
                "You are signed in as another agent; an agent can only act on its own calls."));
        }

        return ValueTask.FromResult<IResult?>(null);
    }
}
