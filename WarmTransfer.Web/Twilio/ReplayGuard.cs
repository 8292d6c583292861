using Microsoft.Extensions.Caching.Memory;

namespace WarmTransfer.Web.Twilio;

/// <summary>
/// The idempotency tokens of callbacks this web node processed recently. Soft state, per node: a replay that reaches
/// another node is still harmless because every grain transition is idempotent.
/// </summary>
public sealed class ReplayGuard : IDisposable
{
    private static readonly TimeSpan Remember = TimeSpan.FromHours(1);
    private readonly MemoryCache _seen = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    public bool WasProcessed(string token) => _seen.TryGetValue(token, out _);

    public void MarkProcessed(string token) =>
        _seen.Set(token, true, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Remember, Size = 1 });

    public void Dispose() => _seen.Dispose();
}
