using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WarmTransfer.Grains.Telemetry;

namespace WarmTransfer.Grains.Hosting;

/// <summary>
/// One timer per silo for the periodic checks of live calls (a conference asking Twilio, an agent checking in), instead of
/// a grain timer per grain: a grain timer and the runtime objects behind it weigh ~0.65 KB per grain, an entry here about
/// a sixth of that. A grain lists itself with a due time; when it is due the grain gets a one-way
/// <see cref="IDueCheck.CheckDueAsync"/> and lists itself again if it still wants checking. A grain listed twice keeps
/// its earliest time. A grain may let its activation go while listed: the wake-up brings it back from storage. Runs on
/// the grains' clock (<see cref="TimeProviderNames.Grains"/>), which tests replace.
/// </summary>
public sealed class DueChecks : IDisposable
{
    /// <summary>Timers fire in whole milliseconds.</summary>
    private static readonly TimeSpan TimerResolution = TimeSpan.FromMilliseconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<GrainId, DateTimeOffset> _listed = [];

    /// <summary>Due times in order; an entry whose grain was listed again earlier, or forgotten, is dropped when it comes up.</summary>
    private readonly PriorityQueue<GrainId, DateTimeOffset> _order = new();
    private readonly TimeProvider _time;
    private readonly IGrainFactory _grains;
    private readonly WarmTransferMetrics _metrics;
    private readonly ITimer _timer;
    private DateTimeOffset _armedFor = DateTimeOffset.MaxValue;
    private bool _stopping;

    public DueChecks([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time, IGrainFactory grains, WarmTransferMetrics metrics, IHostApplicationLifetime lifetime)
    {
        _time = time;
        _grains = grains;
        _metrics = metrics;
        _timer = time.CreateTimer(static self => ((DueChecks)self!).WakeDueGrains(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        // A stopping silo places no grain: a wake-up now would only fail (thousands at once under load). Calls checked
        // here are checked by their next activation on another silo.
        lifetime.ApplicationStopping.Register(static self => ((DueChecks)self!).Stop(), this);
    }

    /// <summary>Lists a grain to be woken at <paramref name="at"/>, unless it is listed for that time or earlier already.</summary>
    /// <param name="grain">The grain, which implements <see cref="IDueCheck"/>.</param>
    /// <param name="at">When, on the grains' clock.</param>
    public void Wake(GrainId grain, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (_listed.TryGetValue(grain, out var listed) && listed <= at)
            {
                return;
            }

            _listed[grain] = at;
            _order.Enqueue(grain, at);
            if (at < _armedFor)
            {
                Arm(at);
            }
        }
    }

    /// <summary>Takes a grain off the list, so a grain with nothing left to check is not woken (nor brought back from storage) for nothing.</summary>
    /// <param name="grain">The grain listed.</param>
    public void Forget(GrainId grain)
    {
        lock (_lock)
        {
            _listed.Remove(grain);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Stop()
    {
        lock (_lock)
        {
            _stopping = true;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void WakeDueGrains()
    {
        var due = new List<GrainId>();
        lock (_lock)
        {
            if (_stopping)
            {
                return;
            }

            // Due within the timer's resolution counts as due: re-arming for less than a millisecond would spin.
            var now = _time.GetUtcNow() + TimerResolution;
            while (_order.TryPeek(out var grain, out var at) && (at <= now || !IsListedFor(grain, at)))
            {
                _order.Dequeue();
                if (IsListedFor(grain, at))
                {
                    _listed.Remove(grain);
                    due.Add(grain);
                }
            }

            // The head is now a live entry (stale ones went above), so the timer never fires for a forgotten grain.
            _armedFor = DateTimeOffset.MaxValue;
            if (_order.TryPeek(out _, out var next))
            {
                Arm(next);
            }
        }

        foreach (var grain in due)
        {
            // A call resting here is counted here until now; from now on by the silo that activates it.
            _metrics.Calls.Woken(grain);

            // One-way: the call returns once the message is on its way.
            _ = _grains.GetGrain<IDueCheck>(grain).CheckDueAsync();
        }
    }

    private bool IsListedFor(GrainId grain, DateTimeOffset at) => _listed.TryGetValue(grain, out var listed) && listed == at;

    private void Arm(DateTimeOffset at)
    {
        if (_stopping)
        {
            return;
        }

        _armedFor = at;
        var wait = at - _time.GetUtcNow();
        _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
