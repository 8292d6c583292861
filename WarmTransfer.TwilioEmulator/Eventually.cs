using System.Diagnostics;

namespace WarmTransfer.TwilioEmulator;

/// <summary>Waits for a condition with a deadline instead of sleeping; the failure names what was awaited.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> condition, string description, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for: {description}. Last value: {value}");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 100));
        }
    }

    public static Task Until(Func<bool> condition, string description, TimeSpan? timeout = null) =>
        Until(() => Task.FromResult(condition()), ok => ok, description, timeout);
}
