namespace WarmTransfer.Grains.Conferences;

/// <summary>What to do with a caller: join the conference named ConferenceName, or hear Message and hang up.</summary>
[GenerateSerializer, Immutable, Alias("CallerAdmission")]
public sealed record CallerAdmission(
    [property: Id(0)] bool Admitted,
    [property: Id(1)] string ConferenceName,
    [property: Id(2)] string? Message);
