namespace WarmTransfer.Tests.Support;

/// <summary>A grain's write that <see cref="StorageGate"/> keeps waiting until the test passes or fails it.</summary>
public sealed class HeldWrite(string stateName, bool clears)
{
    private readonly TaskCompletionSource _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string StateName => stateName;

    /// <summary>The record is being cleared, not written.</summary>
    public bool Clears => clears;

    internal Task Outcome => _outcome.Task;

    public void Pass() => _outcome.TrySetResult();

    public void Fail() => _outcome.TrySetException(new IOException($"Storage refused the write of {stateName} (a test's doing)."));
}
