using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Scenarios;

/// <summary>
/// While silos join and leave, two activations of one grain can overlap for a moment, and the older one's next write is
/// refused (its ETag is stale). Here another writer stores the call and its agent behind the live activations' backs, as
/// that other activation would: Twilio's callbacks must still be answered 2xx (a refused status callback is lost for good),
/// and the agent must still be freed when the call ends.
/// </summary>
[Trait("Tier", Tier.Scenarios)]
public sealed class StaleActivationScenarioTests
{
    [Fact]
    public async Task A_call_whose_state_another_activation_stored_answers_twilio_and_frees_the_agent_from_fresh_activations()
    {
        await using var center = await CallCenter.StartAsync();
        await center.ConnectAsync("alice");
        var (caller, _) = await center.CallAnsweredByAsync("alice");
        await center.Twilio.QuietAsync();
        // Only the ETags move: the live activations' next writes are refused.
        await StoredBehindTheBack.RewriteAsync<ConferenceState>(center.Host.Services, "conference", caller.Sid, unchanged => unchanged);
        await StoredBehindTheBack.RewriteAsync<AgentState>(center.Host.Services, "agent", "alice", unchanged => unchanged);
        var before = center.Twilio.Webhooks.Count;

        center.Twilio.HangUp(caller);

        await center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Ended);
        await CallChecks.SettledAsync(center, caller, "alice");
        var hangUpWebhooks = center.Twilio.Webhooks.Skip(before).ToList();
        Assert.NotEmpty(hangUpWebhooks);
        Assert.All(hangUpWebhooks, w => Assert.True(w.Status is >= 200 and < 300, $"{w.Url} answered {w.Status}: {w.Body}"));
        Assert.Equal(AgentPresence.Available, (await center.AgentViewAsync("alice")).Presence);
    }
}
