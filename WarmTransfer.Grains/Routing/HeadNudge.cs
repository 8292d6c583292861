namespace WarmTransfer.Grains.Routing;

/// <summary>
/// The caller at the head of the line last told that an agent may be free, until it answers (asks for an agent or
/// withdraws) or the hold lapses (a message lost with a silo). Told once until it answers: a head slow to answer would
/// otherwise be told again on every roster change meanwhile, answer each with a withdrawal once it had an agent, and
/// each withdrawal told the next head again; under load those messages multiplied (tens of conference writes per
/// transfer). A head that asked is told again at the next chance: it may have given up on agents it could not reserve.
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

        (_conferenceId, _until) = (conferenceId, now + hold);
        return true;
    }

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
