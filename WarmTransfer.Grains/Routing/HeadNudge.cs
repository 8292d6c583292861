namespace WarmTransfer.Grains.Routing;

/// <summary>
/// The caller at the head of the line last told that an agent may be free, until it answers (asks for an agent or
/// withdraws) or the hold lapses (a message lost with a silo). Told once per turn: a head still busy taking an agent
/// would otherwise be told again on every roster change meanwhile, answer each with a withdrawal, and each withdrawal
/// told the next head again; under load those messages multiplied (tens of conference writes per transfer).
/// </summary>
public sealed class HeadNudge(TimeSpan hold)
{
    private string? _conferenceId;
    private DateTimeOffset _until;

    /// <summary>True when the head is to be told now (and it is then counted as told).</summary>
    public bool TryNudge(string conferenceId, DateTimeOffset now)
    {
        if (_conferenceId == conferenceId && _until > now)
        {
            return false;
        }

        Told(conferenceId, now);
        return true;
    }

    /// <summary>The head was handed an agent: its turn goes on until it withdraws, and it is not told again meanwhile.</summary>
    public void Told(string conferenceId, DateTimeOffset now) => (_conferenceId, _until) = (conferenceId, now + hold);

    public void Answered(string conferenceId)
    {
        if (_conferenceId == conferenceId)
        {
            _conferenceId = null;
        }
    }

    /// <summary>The next chance tells the head again, whatever it was told.</summary>
    public void Forget() => _conferenceId = null;
}
