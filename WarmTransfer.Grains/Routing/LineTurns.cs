namespace WarmTransfer.Grains.Routing;

/// <summary>
/// The callers at the front of the line being served: those told that an agent may be free, until they answer (ask
/// for an agent, withdraw, or say they took none of those handed to them), and those handed an agent, until they
/// answer. Both lapse after the hold (a message or a caller lost with a silo). A caller is told once until it answers:
/// one slow to answer would otherwise be told again on every roster change meanwhile, answer each with a withdrawal
/// once it had an agent, and under load those messages multiplied (tens of conference writes per transfer).
/// </summary>
public sealed class LineTurns(TimeSpan hold)
{
    private readonly Holds _told = new(hold);
    private readonly Holds _taking = new(hold);
    private readonly HashSet<string> _asking = new(StringComparer.Ordinal);

    /// <summary>True when the caller is to be told now (and it is then counted as told); never while it is asking.</summary>
    public bool TryTell(string callerId, DateTimeOffset now)
    {
        if (_asking.Contains(callerId) || _told.IsHeld(callerId, now))
        {
            return false;
        }

        _told.Hold(callerId, now);
        return true;
    }

    /// <summary>The caller was handed an agent and is reserving it: the callers behind it may be served meanwhile.</summary>
    public void Handed(string callerId, DateTimeOffset now) => _taking.Hold(callerId, now);

    public bool IsTaking(string callerId, DateTimeOffset now) => _taking.IsHeld(callerId, now);

    public void Answered(string callerId)
    {
        _told.Release(callerId);
        _taking.Release(callerId);
    }

    /// <summary>
    /// The caller answers by asking for an agent, and keeps its place while its request waits on storage; telling it
    /// meanwhile would reach it after its request was answered (with Redis, once per caller).
    /// </summary>
    public void Asking(string callerId)
    {
        Answered(callerId);
        _asking.Add(callerId);
    }

    public void Asked(string callerId) => _asking.Remove(callerId);

    /// <summary>The next chance tells every caller again, whatever they were told.</summary>
    public void ForgetTold() => _told.Clear();

    /// <summary>True while a caller's turn is held (forgetting the turns that lapsed).</summary>
    public bool AnyTaking(DateTimeOffset now) => _taking.Any(now);
}
