using System.Text;

namespace WarmTransfer.Tests.Logging;

/// <summary>A console stand-in that can hold its first write, so tests decide what piles up behind a slow console.</summary>
public sealed class GatedStream(bool holdFirstWrite) : Stream
{
    private readonly MemoryStream _written = new();
    private readonly ManualResetEventSlim _released = new(!holdFirstWrite);

    public ManualResetEventSlim FirstWriteStarted { get; } = new();

    public int Writes { get; private set; }

    public string Text
    {
        get
        {
            lock (_written)
            {
                return Encoding.UTF8.GetString(_written.ToArray());
            }
        }
    }

    public void Release() => _released.Set();

    public override void Write(byte[] buffer, int offset, int count)
    {
        FirstWriteStarted.Set();
        Assert.True(_released.Wait(TimeSpan.FromSeconds(10)), "the test never released the console");
        lock (_written)
        {
            _written.Write(buffer, offset, count);
            Writes++;
        }
    }

    public override void Flush()
    {
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
