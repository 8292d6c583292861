namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// A transfer in progress. The target is dialled only once Twilio confirmed the transferer no longer ends the conference
/// (TargetDialled); TargetCallSid is known once the leg is placed. Completing: the hand-over waits for Twilio to confirm
/// the target now ends the conference, before the transferer's leg is hung up.
/// </summary>
[GenerateSerializer, Immutable, Alias("TransferState")]
public sealed record TransferState(
    [property: Id(0)] string TransfererId,
    [property: Id(1)] string TargetId,
    [property: Id(2)] string? TargetCallSid,
    [property: Id(3)] bool TransfererGone)
{
    [Id(4)] public bool TargetDialled { get; init; }

    [Id(5)] public bool Completing { get; init; }

    public TransferView ToView() => new(TransfererId, TargetId, TransfererGone);
}
