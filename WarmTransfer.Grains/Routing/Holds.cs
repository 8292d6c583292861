namespace WarmTransfer.Grains.Routing;

/// <summary>Keys each held until a time (an agent handed out, a caller told or taking an agent); a lapsed hold is no hold.</summary>
public sealed class Holds(TimeSpan hold)
{
    private readonly Dictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public void Hold(string key, DateTimeOffset now) => _until[key] = now + hold;

    public bool IsHeld(string key, DateTimeOffset now) => _until.TryGetValue(key, out var until) && until > now;

    public void Release(string key) => _until.Remove(key);

    public void Clear() => _until.Clear();

    /// <summary>True while any hold stands (forgetting those that lapsed).</summary>
    public bool Any(DateTimeOffset now)
    {
        foreach (var (key, until) in _until)
        {
            if (until <= now)
            {
                _until.Remove(key);
            }
        }

        return _until.Count > 0;
    }
}
