namespace WarmTransfer.TwilioEmulator;

/// <summary>A task that completes at the next change of the network, so watchers wait for changes instead of polling.</summary>
internal sealed class NetworkChanges
{
    private TaskCompletionSource _next = NewSource();

    public Task Next => Volatile.Read(ref _next).Task;

    public void Signal() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
