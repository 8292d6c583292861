using System.Collections.Concurrent;
using System.Diagnostics;

namespace WarmTransfer.Tests.Support;

/// <summary>The grain calls one grain received and finished (Orleans' own spans for calls into our grains, tagged once started), in order.</summary>
public sealed class GrainCallLog : IDisposable
{
    private readonly ConcurrentQueue<string> _methods = new();
    private readonly ActivityListener _listener;

    /// <param name="targetKey">The grain's key, as its grain id ends (e.g. a conference's CallSid).</param>
    public GrainCallLog(string targetKey)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.Orleans.Application",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.Kind == ActivityKind.Server && activity.GetTagItem("orleans.rpc.target_id") is string target && target.EndsWith("/" + targetKey, StringComparison.Ordinal))
                {
                    _methods.Enqueue(activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Interface/method of each call received, e.g. IConferenceGrain/AdmitCallerAsync.</summary>
    public IReadOnlyList<string> Methods => [.. _methods];

    public void Dispose() => _listener.Dispose();
}
