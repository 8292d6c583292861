namespace WarmTransfer.Web.Twilio;

/// <summary>
/// The idempotency tokens of callbacks this web node processed recently. Soft state, per node: a replay that reaches
/// another node, or comes after its token was forgotten, is still harmless because every grain transition is idempotent.
/// So memory is bounded: tokens are short or not remembered at all, and past <see cref="MaxBytes"/> the oldest go first.
/// </summary>
public sealed class ReplayGuard(TimeProvider time)
{
    public static readonly TimeSpan Remember = TimeSpan.FromHours(1);

    /// <summary>Twilio's tokens are far shorter; a longer one is treated as absent.</summary>
    public const int MaxTokenLength = 128;

    /// <summary>About 100,000 tokens of Twilio's length: an hour of callbacks for a busy node.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    /// <summary>A remembered token's cost beyond its characters: the string, dictionary and queue entries.</summary>
    private const int EntryOverhead = 96;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _oldestFirst = new();

    public long Bytes { get; private set; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>Printable ASCII, at most <see cref="MaxTokenLength"/> characters: anything else is not a token we keep.</summary>
    public static bool IsRememberable(string token) =>
        token.Length is > 0 and <= MaxTokenLength && !token.AsSpan().ContainsAnyExceptInRange('!', '~');

    public bool WasProcessed(string token)
    {
        lock (_lock)
        {
            ForgetExpired();
            return _seen.ContainsKey(token);
        }
    }

    public void MarkProcessed(string token)
    {
        if (!IsRememberable(token))
        {
            return;
        }

        lock (_lock)
        {
            ForgetExpired();
            if (!_seen.TryAdd(token, time.GetUtcNow()))
            {
                return;
            }

            _oldestFirst.Enqueue(token);
            Bytes += Cost(token);
            while (Bytes > MaxBytes)
            {
                ForgetOldest();
            }
        }
    }

    private void ForgetExpired()
    {
        var cutoff = time.GetUtcNow() - Remember;
        while (_oldestFirst.TryPeek(out var oldest) && _seen[oldest] <= cutoff)
        {
            ForgetOldest();
        }
    }

    private void ForgetOldest()
    {
        var token = _oldestFirst.Dequeue();
        _seen.Remove(token);
        Bytes -= Cost(token);
    }

    private static int Cost(string token) => token.Length * sizeof(char) + EntryOverhead;
}
