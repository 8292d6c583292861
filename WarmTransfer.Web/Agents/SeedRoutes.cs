using WarmTransfer.Grains.Conferences;
using WarmTransfer.Web.Hosting;

namespace WarmTransfer.Web.Agents;

/// <summary>
/// The routes of the tutorial this project grew from, kept so pages written for it still work. Both are agents' routes,
/// behind the same sign-in, rate limit and CSRF check as /agents/{agentId}/… — "/conference/{agentId}/call" only looks
/// like one of Twilio's /conference/{conferenceId}/… webhooks.
/// </summary>
public static class SeedRoutes
{
    public static RouteGroupBuilder MapSeedRoutes(this RouteGroupBuilder agent)
    {
        // Fetching a token is how an agent connects; "call" dials another agent in (a transfer).
        agent.MapPost("/{agentId}/token", AgentApi.IssueToken);
        agent.MapPost("/conference/{agentId}/call", StartTransferFromForm);
        return agent;
    }

    /// <summary>The seed's form post ("to" names the target; none means any available agent). Read asynchronously: a slow client holds no thread.</summary>
    public static async Task<Results<Ok<ConferenceView>, ProblemHttpResult>> StartTransferFromForm(string agentId, HttpRequest request, FormBodies forms, IGrainFactory grains)
    {
        string? target = null;
        if (request.HasFormContentType)
        {
            var (form, refusal) = await forms.ReadAsync(request, allowMultipart: true);
            if (refusal is not null)
            {
                return refusal;
            }

            target = form!["to"].ToString() is { Length: > 0 } to ? to : null;
        }

        return await AgentApi.Command(grains, agentId, c => c.StartTransferAsync(agentId, target), target);
    }
}
