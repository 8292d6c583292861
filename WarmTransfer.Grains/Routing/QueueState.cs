using System.Collections.Immutable;

namespace WarmTransfer.Grains.Routing;

/// <summary>What a queue grain persists: every agent's presence and the callers in line, longest waiting first.</summary>
[GenerateSerializer, Immutable, Alias("QueueState")]
public sealed record QueueState
{
    [Id(0)] public ImmutableDictionary<string, RosterEntry> Agents { get; init; } = ImmutableDictionary<string, RosterEntry>.Empty;
    [Id(1)] public ImmutableList<WaitingCaller> Line { get; init; } = [];

    public QueueState Enlisted(string conferenceId, DateTimeOffset waitingSince)
    {
        if (Line.Exists(c => c.ConferenceId == conferenceId))
        {
            return this;
        }

        var index = Line.FindIndex(c => c.WaitingSince > waitingSince);
        var caller = new WaitingCaller(conferenceId, waitingSince);
        return this with { Line = index < 0 ? Line.Add(caller) : Line.Insert(index, caller) };
    }

    public QueueState Withdrawn(string conferenceId) => this with { Line = Line.RemoveAll(c => c.ConferenceId == conferenceId) };
}
