namespace WarmTransfer.Grains.Conferences;

/// <summary>One call leg in a conference. OnHold is what Twilio reported; ChangePending while a hold or end-on-exit change we asked for is not yet confirmed.</summary>
[GenerateSerializer, Immutable, Alias("ParticipantView")]
public sealed record ParticipantView(
    [property: Id(0)] string CallSid,
    [property: Id(1)] ParticipantRole Role,
    [property: Id(2)] string? AgentId,
    [property: Id(3)] ParticipantState State,
    [property: Id(4)] bool OnHold,
    [property: Id(5)] bool EndConferenceOnExit)
{
    [Id(6)] public bool ChangePending { get; init; }

    /// <summary>Still on the call or on its way there: dialling, ringing, connecting or joined.</summary>
    [Id(7)] public bool Live { get; init; }
}
