using System.Globalization;

namespace WarmTransfer.Benchmarks;

/// <summary>
/// How the queue served the callers of a whole-call pass (warm-up included), from the server's own counters: callers
/// told an agent may be free, and the callers' requests for an agent by outcome.
/// </summary>
public sealed record LineService(long Calls, long Told, long HandedOut, long NotServed, long NoneLeft)
{
    public static LineService From(ScopedMeterReader meters, long calls)
    {
        long Count(string key) => (long)meters.Total(key);
        return new LineService(calls,
            Count("warmtransfer.queue.told"),
            Count("warmtransfer.queue.requests{outcome=handed_out}"),
            Count("warmtransfer.queue.requests{outcome=not_served}"),
            Count("warmtransfer.queue.requests{outcome=none_left}"));
    }

    /// <summary>Per call started, for the JSON.</summary>
    public IEnumerable<KeyValuePair<string, double>> Figures() =>
        [new("queueToldEach", Each(Told)), new("queueHandedOutEach", Each(HandedOut)), new("queueNotServedEach", Each(NotServed)), new("queueNoneLeftEach", Each(NoneLeft))];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"for {Calls} calls the queue told callers in line {Told} times that an agent may be free and answered {HandedOut} requests with an agent, {NotServed} with callers ahead or none free, {NoneLeft} with every free agent already tried");

    private double Each(long count) => Calls == 0 ? 0 : count / (double)Calls;
}
