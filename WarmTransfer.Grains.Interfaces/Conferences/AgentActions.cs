namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// What one agent with a live leg may do in the call right now, and the call described from their side.
/// The console only renders this; the rules that decide it are the commands' own (see AllowedActions).
/// </summary>
[GenerateSerializer, Immutable, Alias("AgentActions")]
public sealed record AgentActions(
    [property: Id(0)] string AgentId,
    [property: Id(1)] ParticipantState LegState,
    [property: Id(2)] string Situation,
    [property: Id(3)] bool Transfer,
    [property: Id(4)] bool HoldCaller,
    [property: Id(5)] bool ResumeCaller,
    [property: Id(6)] bool ThreeWay,
    [property: Id(7)] bool Complete,
    [property: Id(8)] bool Cancel);
