using System.Collections;

namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// The scope of a conference's log lines: its CallSid and ConferenceSid as structured pairs, as a dictionary would give
/// them, in one small object per turn instead of a dictionary's three.
/// </summary>
internal sealed class CallLogScope(string callSid, string? conferenceSid) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("CallSid", callSid),
        1 => new("ConferenceSid", conferenceSid),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"CallSid:{callSid}, ConferenceSid:{conferenceSid}";
}
