using WarmTransfer.Grains.Agents;

namespace WarmTransfer.Grains.Routing;

/// <summary>
/// Every agent a queue knows, in memory, with the available ones ordered by how long they have been idle: the longest
/// idle is found in O(log n) plus the agents skipped, not by sorting the roster on every call.
/// </summary>
public sealed class Roster
{
    private static readonly Comparer<RosterEntry> IdleOrder = Comparer<RosterEntry>.Create((a, b) =>
        a.Since != b.Since ? a.Since.CompareTo(b.Since) : string.CompareOrdinal(a.AgentId, b.AgentId));

    private readonly Dictionary<string, RosterEntry> _agents = new(StringComparer.Ordinal);
    private readonly SortedSet<RosterEntry> _available = new(IdleOrder);

    public IEnumerable<RosterEntry> Agents => _agents.Values;

    /// <summary>The available agents, idle longest first.</summary>
    public IEnumerable<RosterEntry> Available => _available;

    public RosterEntry? Of(string agentId) => _agents.GetValueOrDefault(agentId);

    public void Set(RosterEntry entry)
    {
        if (_agents.Remove(entry.AgentId, out var known) && known.Presence == AgentPresence.Available)
        {
            _available.Remove(known);
        }

        _agents[entry.AgentId] = entry;
        if (entry.Presence == AgentPresence.Available)
        {
            _available.Add(entry);
        }
    }

    /// <summary>Puts back what was known of the agent before (null: nothing).</summary>
    public void Restore(string agentId, RosterEntry? known)
    {
        if (known is not null)
        {
            Set(known);
        }
        else if (_agents.Remove(agentId, out var entry) && entry.Presence == AgentPresence.Available)
        {
            _available.Remove(entry);
        }
    }

    /// <summary>The available agent idle longest that is not skipped (ties broken by id).</summary>
    public string? LongestIdle(Func<string, bool> skip) => _available.FirstOrDefault(entry => !skip(entry.AgentId))?.AgentId;
}
