namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// A REST request the emulator received and holds, unanswered and not yet carried out, until the test releases it: the
/// window in which the app's process can die while Twilio has its request. Released, it is carried out and answered (to a
/// client that may be gone).
/// </summary>
// Assumption: Twilio carries out a request it has received in full even if the client's connection is gone before the
// answer; no Twilio document says either way, and the app must cope with both (it asks Twilio's REST API on recovery).
public sealed class RestHold(Func<RestRequest, bool> where)
{
    private readonly TaskCompletionSource<RestRequest> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal Func<RestRequest, bool> Where { get; } = where;

    /// <summary>Completes with the request once it has reached the emulator.</summary>
    public Task<RestRequest> Arrived => _arrived.Task;

    public bool Released => _released.Task.IsCompleted;

    public void Release() => _released.TrySetResult();

    internal async Task HoldAsync(RestRequest request, CancellationToken stopping)
    {
        _arrived.TrySetResult(request);
        await _released.Task.WaitAsync(stopping);
    }
}
