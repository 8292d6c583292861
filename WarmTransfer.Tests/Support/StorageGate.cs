using System.Collections.Concurrent;
using System.Threading.Channels;

namespace WarmTransfer.Tests.Support;

/// <summary>
/// What <see cref="GatedGrainStorage"/> does with writes (clears among them): counts each grain's, and for a grain a test holds keeps each
/// write waiting, in the order asked, until the test lets it through or fails it.
/// </summary>
public sealed class StorageGate
{
    private readonly ConcurrentDictionary<GrainId, Channel<HeldWrite>> _held = new();
    private readonly ConcurrentDictionary<GrainId, int> _writes = new();

    public void Hold(GrainId grain) => _held[grain] = Channel.CreateUnbounded<HeldWrite>();

    /// <summary>Lets the grain's writes through from now on, and those still held.</summary>
    public void Release(GrainId grain)
    {
        if (_held.TryRemove(grain, out var held))
        {
            held.Writer.Complete();
            while (held.Reader.TryRead(out var write))
            {
                write.Pass();
            }
        }
    }

    public async Task<HeldWrite> NextWriteAsync(GrainId grain) =>
        await _held[grain].Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public int WritesOf(GrainId grain) => _writes.GetValueOrDefault(grain);

    internal async Task WriteAsync(GrainId grain, string stateName, Func<Task> write, bool clears = false)
    {
        _writes.AddOrUpdate(grain, 1, (_, n) => n + 1);
        if (_held.TryGetValue(grain, out var held))
        {
            var waiting = new HeldWrite(stateName, clears);
            if (held.Writer.TryWrite(waiting))
            {
                await waiting.Outcome;
            }
        }

        await write();
    }
}
