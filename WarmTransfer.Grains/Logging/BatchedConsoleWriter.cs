using System.Text;
using System.Threading.Channels;

namespace WarmTransfer.Grains.Logging;

/// <summary>
/// Takes formatted lines from any thread and writes them to the console on its own thread, as many as are waiting in
/// one write: a request thread never waits for the console, and a busy server makes one system call per batch, not per
/// line. When the console cannot keep up and <see cref="BatchedConsoleOptions.QueueLength"/> lines wait, new ones are
/// dropped and a line says how many.
/// </summary>
public sealed class BatchedConsoleWriter : IDisposable
{
    /// <summary>Bounds one write (and the text built for it), so a backlog is written in pieces.</summary>
    private const int MaxLinesPerWrite = 1_000;

    private static readonly TimeSpan FlushOnDispose = TimeSpan.FromSeconds(5);

    private readonly Stream _output;
    private readonly Func<BatchedConsoleOptions> _options;
    private readonly Channel<LogLine> _lines;
    private readonly Thread _writer;
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private byte[] _bytes = [];
    private long _dropped;

    public BatchedConsoleWriter(Stream output, int queueLength, Func<BatchedConsoleOptions> options)
    {
        _output = output;
        _options = options;
        _lines = Channel.CreateBounded<LogLine>(
            new BoundedChannelOptions(Math.Max(1, queueLength)) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
        _writer = new Thread(WriteUntilCompleted) { IsBackground = true, Name = "Console log writer" };
        _writer.Start();
    }

    /// <summary>How many batches were written: tests check that lines are written together.</summary>
    public long Writes { get; private set; }

    public void Enqueue(in LogLine line) => _lines.Writer.TryWrite(line);

    /// <summary>Writes what is queued, then stops.</summary>
    public void Dispose()
    {
        if (_lines.Writer.TryComplete())
        {
            _writer.Join(FlushOnDispose);
        }
    }

    private void WriteUntilCompleted()
    {
        var text = new StringBuilder();
        var reader = _lines.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            var options = _options();
            text.Clear();
            for (var count = 0; count < MaxLinesPerWrite && reader.TryRead(out var line); count++)
            {
                LogLineFormat.Append(text, line, options);
            }

            if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
            {
                text.Append("warn: ").Append(typeof(BatchedConsoleWriter).FullName)
                    .Append("[0] ").Append(dropped).Append(" log line(s) dropped: the console could not keep up\n");
            }

            Write(text);
        }
    }

    /// <summary>
    /// Encodes the batch into one buffer kept for the next batch, in one write. A string and a byte array per batch would be
    /// large objects (85,000 bytes and up) once a batch passes ~42,000 characters, a few hundred lines, and large objects
    /// count towards the full collections the GC runs.
    /// </summary>
    private void Write(StringBuilder text)
    {
        try
        {
            var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (_bytes.Length < needed)
            {
                _bytes = new byte[needed];
            }

            // One encoder across the chunks: a chunk may end between the two halves of a surrogate pair.
            var written = 0;
            foreach (var chunk in text.GetChunks())
            {
                written += _encoder.GetBytes(chunk.Span, _bytes.AsSpan(written), flush: false);
            }

            written += _encoder.GetBytes([], _bytes.AsSpan(written), flush: true);
            _output.Write(_bytes, 0, written);
            _output.Flush();
            Writes++;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The console went away (a closed pipe): there is nowhere left to say so.
        }
    }
}
