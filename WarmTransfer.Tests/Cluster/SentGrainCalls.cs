using System.Collections.Concurrent;

namespace WarmTransfer.Tests.Cluster;

/// <summary>
/// Counts the grain calls the silos send, by target and method, as they are sent: a test can then wait for a one-way
/// message's effect until it matches what was sent, instead of sleeping in case one more is on its way.
/// </summary>
public sealed class SentGrainCalls : IOutgoingGrainCallFilter
{
    private readonly ConcurrentDictionary<(GrainId Target, string Method), int> _counts = new();

    public int Count(GrainId target, string method) => _counts.GetValueOrDefault((target, method));

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        _counts.AddOrUpdate((context.TargetId, context.MethodName), 1, (_, count) => count + 1);
        return context.Invoke();
    }
}
