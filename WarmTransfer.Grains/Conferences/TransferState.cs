namespace WarmTransfer.Grains.Conferences;

/// <summary>A transfer in progress. TargetCallSid is known once the target's leg is placed.</summary>
[GenerateSerializer, Immutable, Alias("TransferState")]
public sealed record TransferState(
    [property: Id(0)] string TransfererId,
    [property: Id(1)] string TargetId,
    [property: Id(2)] string? TargetCallSid,
    [property: Id(3)] bool TransfererGone)
{
    public TransferView ToView() => new(TransfererId, TargetId, TransfererGone);
}
