namespace WarmTransfer.Grains.Routing;

/// <summary>
/// The agents each caller was handed within the hand-out hold. A caller asking again within it (an agent could not be
/// reserved, or Twilio would not ring them) is offered anyone else, and those agents again only once the hold lapses:
/// a refusal that lasts is retried once a hold, not in a tight loop. Hand-outs lapse in the order made.
/// </summary>
public sealed class RecentHandOuts(TimeSpan hold)
{
    private readonly Dictionary<string, List<(string AgentId, DateTimeOffset Until)>> _byCaller = new(StringComparer.Ordinal);
    private readonly Queue<(string CallerId, DateTimeOffset Until)> _lapsing = new();

    public void Record(string callerId, string agentId, DateTimeOffset now)
    {
        Prune(now);
        var until = now + hold;
        if (!_byCaller.TryGetValue(callerId, out var handed))
        {
            _byCaller[callerId] = handed = [];
        }

        handed.Add((agentId, until));
        _lapsing.Enqueue((callerId, until));
    }

    /// <summary>The agents handed to this caller within the hold.</summary>
    public IReadOnlyCollection<string> HeldFrom(string callerId, DateTimeOffset now) =>
        _byCaller.TryGetValue(callerId, out var handed) ? [.. handed.Where(h => h.Until > now).Select(h => h.AgentId)] : [];

    /// <summary>Callers with a hand-out not yet forgotten.</summary>
    public int Count => _byCaller.Count;

    private void Prune(DateTimeOffset now)
    {
        while (_lapsing.TryPeek(out var oldest) && oldest.Until <= now)
        {
            _lapsing.Dequeue();
            if (_byCaller.TryGetValue(oldest.CallerId, out var handed) && handed.RemoveAll(h => h.Until <= now) > 0 && handed.Count == 0)
            {
                _byCaller.Remove(oldest.CallerId);
            }
        }
    }
}
