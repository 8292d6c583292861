namespace WarmTransfer.Grains.Agents;

/// <summary>A message for an agent about something that did not go as asked (e.g. a transfer target did not answer).</summary>
[GenerateSerializer, Immutable, Alias("AgentNotice")]
public sealed record AgentNotice(
    [property: Id(0)] string ConferenceId,
    [property: Id(1)] string Message,
    [property: Id(2)] DateTimeOffset At);
