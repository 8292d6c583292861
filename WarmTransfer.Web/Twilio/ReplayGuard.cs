using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace WarmTransfer.Web.Twilio;

/// <summary>
/// The idempotency tokens of callbacks this web node processed recently. Soft state, per node: a replay that reaches
/// another node, or comes after its token was forgotten, is still harmless because every grain transition is idempotent.
/// So memory is bounded: tokens are short or not remembered at all, and past <see cref="MaxBytes"/> the oldest go first.
/// A token is kept as 128 bits of its SHA-256, the same few bytes whatever its length: a chance collision would take a
/// genuine callback for a replay, and at 2^-128 per pair that is not a risk worth a string per callback.
/// </summary>
public sealed class ReplayGuard(TimeProvider time)
{
    public static readonly TimeSpan Remember = TimeSpan.FromHours(1);

    /// <summary>Twilio's tokens are far shorter; a longer one is treated as absent.</summary>
    public const int MaxTokenLength = 128;

    /// <summary>About 150,000 tokens: an hour of callbacks for a busy node.</summary>
    public const long MaxBytes = 8 * 1024 * 1024;

    /// <summary>A remembered token's cost: its dictionary entry (digest, time, hash, link, bucket) and its queue slot.</summary>
    public const int EntryBytes = 56;

    private const int MaxTokens = (int)(MaxBytes / EntryBytes);

    private readonly Lock _lock = new();
    private readonly Dictionary<(ulong, ulong), long> _seenAtTicks = [];
    private readonly Queue<(ulong, ulong)> _oldestFirst = new();

    public long Bytes => (long)Count * EntryBytes;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _seenAtTicks.Count;
            }
        }
    }

    /// <summary>Printable ASCII, at most <see cref="MaxTokenLength"/> characters: anything else is not a token we keep.</summary>
    public static bool IsRememberable(string token) =>
        token.Length is > 0 and <= MaxTokenLength && !token.AsSpan().ContainsAnyExceptInRange('!', '~');

    public bool WasProcessed(string token)
    {
        if (!IsRememberable(token))
        {
            return false;
        }

        var digest = Digest(token);
        lock (_lock)
        {
            ForgetExpired();
            return _seenAtTicks.ContainsKey(digest);
        }
    }

    public void MarkProcessed(string token)
    {
        if (!IsRememberable(token))
        {
            return;
        }

        var digest = Digest(token);
        lock (_lock)
        {
            ForgetExpired();
            if (!_seenAtTicks.TryAdd(digest, time.GetUtcNow().UtcTicks))
            {
                return;
            }

            _oldestFirst.Enqueue(digest);
            while (_seenAtTicks.Count > MaxTokens)
            {
                ForgetOldest();
            }
        }
    }

    private void ForgetExpired()
    {
        var cutoff = (time.GetUtcNow() - Remember).UtcTicks;
        while (_oldestFirst.TryPeek(out var oldest) && _seenAtTicks[oldest] <= cutoff)
        {
            ForgetOldest();
        }
    }

    private void ForgetOldest() => _seenAtTicks.Remove(_oldestFirst.Dequeue());

    /// <summary>Only for a rememberable token: printable ASCII of at most <see cref="MaxTokenLength"/> characters.</summary>
    /// <remarks>Two longs, not a UInt128: its 16-byte alignment would pad every dictionary entry from 32 to 48 bytes.</remarks>
    private static (ulong, ulong) Digest(string token)
    {
        Span<byte> ascii = stackalloc byte[MaxTokenLength];
        var length = Encoding.ASCII.GetBytes(token, ascii);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(ascii[..length], hash);
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash), BinaryPrimitives.ReadUInt64LittleEndian(hash[sizeof(ulong)..]));
    }
}
