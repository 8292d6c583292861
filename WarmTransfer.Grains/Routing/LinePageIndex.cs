using System.Collections.Immutable;

namespace WarmTransfer.Grains.Routing;

/// <summary>One stored record of the index of the line's pages: the numbers of the pages holding callers, of those that fall to it.</summary>
[GenerateSerializer, Immutable, Alias("LinePageIndex")]
public sealed record LinePageIndex
{
    public static readonly LinePageIndex Empty = new();

    [Id(0)] public ImmutableArray<long> Pages { get; init; } = [];

    public bool IsEmpty => Pages.IsEmpty;

    public LinePageIndex With(long page) => Pages.Contains(page) ? this : new() { Pages = Pages.Add(page) };

    public LinePageIndex Without(long page) => new() { Pages = Pages.Remove(page) };
}
