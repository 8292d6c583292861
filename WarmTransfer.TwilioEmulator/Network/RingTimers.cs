namespace WarmTransfer.TwilioEmulator;

/// <summary>Ring timeouts running in real time (scaled by the test); all stopped when the emulator stops.</summary>
internal sealed class RingTimers : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public void Schedule(TimeSpan after, Action action) => _ = RunAsync(after, action);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task RunAsync(TimeSpan after, Action action)
    {
        try
        {
            await Task.Delay(after, _stop.Token);
            action();
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
