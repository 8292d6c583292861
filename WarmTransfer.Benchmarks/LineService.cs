using System.Globalization;

namespace WarmTransfer.Benchmarks;

/// <summary>
/// How the queue served the callers of a whole-call pass (warm-up included), from the server's own counters: callers
/// told an agent may be free, and requests for an agent by outcome, per call started.
/// </summary>
public sealed record LineService(double ToldEach, double HandedOutEach, double NotServedEach, double NoneLeftEach)
{
    public static LineService From(ScopedMeterReader meters, long calls)
    {
        double Each(string key) => calls == 0 ? 0 : meters.Total(key) / calls;
        return new LineService(
            Each("warmtransfer.queue.told"),
            Each("warmtransfer.queue.requests{outcome=handed_out}"),
            Each("warmtransfer.queue.requests{outcome=not_served}"),
            Each("warmtransfer.queue.requests{outcome=none_left}"));
    }

    public IEnumerable<KeyValuePair<string, double>> Figures() =>
        [new("queueToldEach", ToldEach), new("queueHandedOutEach", HandedOutEach), new("queueNotServedEach", NotServedEach), new("queueNoneLeftEach", NoneLeftEach)];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"per call the queue told {ToldEach:0.00} times that an agent may be free and answered {HandedOutEach:0.00} requests with an agent, {NotServedEach:0.00} with callers ahead or none free, {NoneLeftEach:0.00} with every free agent already tried");
}
