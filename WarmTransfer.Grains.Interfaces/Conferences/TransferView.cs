namespace WarmTransfer.Grains.Conferences;

/// <summary>A transfer in progress. TransfererGone: the transferer left before the target answered.</summary>
[GenerateSerializer, Immutable, Alias("TransferView")]
public sealed record TransferView(
    [property: Id(0)] string TransfererId,
    [property: Id(1)] string TargetId,
    [property: Id(2)] bool TransfererGone);
