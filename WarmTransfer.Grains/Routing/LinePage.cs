using System.Collections.Immutable;

namespace WarmTransfer.Grains.Routing;

/// <summary>One stored page of the line: the callers still waiting of the <see cref="LinePages.PageSize"/> who arrived one after another.</summary>
[GenerateSerializer, Immutable, Alias("LinePage")]
public sealed record LinePage
{
    public static readonly LinePage Empty = new();

    [Id(0)] public ImmutableArray<WaitingCaller> Waiting { get; init; } = [];

    public bool IsEmpty => Waiting.IsEmpty;

    public LinePage With(WaitingCaller caller) => new() { Waiting = Waiting.Add(caller) };

    public LinePage Without(string conferenceId) => new() { Waiting = Waiting.RemoveAll(caller => caller.ConferenceId == conferenceId) };
}
