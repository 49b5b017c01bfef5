using System;

namespace GenScheduler;

/// <summary>
/// How long to wait before trying an unreachable store again: as long as the outage has lasted so far, at least 1 s and
/// at most 30 s. Measured by the outage's length, not by the number of failures, because several parts of the
/// scheduler (the firing loop, the store thread's heartbeat and resync) fail at once during one outage, and counting
/// their failures would push the delay to its maximum within a second. Reports the first failure, then at most one per
/// delay, and the recovery once, so an outage is a handful of log lines rather than one per fire.
/// </summary>
internal sealed class RetryBackoff
{
    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    private readonly SchedulerObserver _observer;
    private readonly TimeProvider _time;
    private readonly string _store;
    private int _failures;
    private DateTimeOffset _failingSince;
    private DateTimeOffset _nextReport;

    public RetryBackoff(SchedulerObserver observer, TimeProvider time, string store)
    {
        _observer = observer;
        _time = time;
        _store = store;
    }

    /// <summary>Whether the last attempt failed.</summary>
    public bool Failing => _failures > 0;

    /// <summary>Records a failure to <paramref name="action"/>; the time to wait before the next attempt.</summary>
    public TimeSpan Failed(string action, Exception error)
    {
        var now = _time.GetUtcNow();
        if (_failures++ == 0)
        {
            _failingSince = now;
            _nextReport = now;
        }

        var delay = TimeSpan.FromTicks(Math.Clamp((now - _failingSince).Ticks, Shortest.Ticks, Longest.Ticks));
        if (now >= _nextReport)
        {
            _nextReport = now + delay;
            _observer.StoreFailed(_store, action, delay, error);
        }

        return delay;
    }

    public void Succeeded()
    {
        if (_failures == 0)
        {
            return;
        }

        _observer.StoreRecovered(_store, _failures);
        _failures = 0;
    }
}
