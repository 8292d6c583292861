namespace WarmTransfer.Grains.Routing;

/// <summary>
/// The callers in line, in memory: ordered by how long they have waited, so the head is found and any caller added or
/// removed in O(log n). Rebuilt from the <see cref="LineBuckets"/> when the queue activates.
/// </summary>
public sealed class WaitingLine
{
    private static readonly Comparer<WaitingCaller> Order = Comparer<WaitingCaller>.Create((a, b) =>
        a.WaitingSince != b.WaitingSince ? a.WaitingSince.CompareTo(b.WaitingSince)
        : a.Arrival != b.Arrival ? a.Arrival.CompareTo(b.Arrival)
        : string.CompareOrdinal(a.ConferenceId, b.ConferenceId));

    private readonly SortedSet<WaitingCaller> _ordered = new(Order);
    private readonly Dictionary<string, WaitingCaller> _byConference = new(StringComparer.Ordinal);
    private long _lastArrival;

    public int Count => _ordered.Count;

    public WaitingCaller? Head => _ordered.Count == 0 ? null : _ordered.Min;

    public IEnumerable<WaitingCaller> InOrder => _ordered;

    public bool Contains(string conferenceId) => _byConference.ContainsKey(conferenceId);

    /// <summary>A caller already in line keeps its place; returns the caller added, or null.</summary>
    public WaitingCaller? Enlist(string conferenceId, DateTimeOffset waitingSince) =>
        Contains(conferenceId) ? null : Restore(new WaitingCaller(conferenceId, waitingSince, _lastArrival + 1));

    /// <summary>Puts back a caller read from storage, with the arrival it had.</summary>
    public WaitingCaller Restore(WaitingCaller caller)
    {
        if (_byConference.Remove(caller.ConferenceId, out var known))
        {
            _ordered.Remove(known);
        }

        _byConference[caller.ConferenceId] = caller;
        _ordered.Add(caller);
        _lastArrival = Math.Max(_lastArrival, caller.Arrival);
        return caller;
    }

    public WaitingCaller? Withdraw(string conferenceId)
    {
        if (!_byConference.Remove(conferenceId, out var caller))
        {
            return null;
        }

        _ordered.Remove(caller);
        return caller;
    }
}
