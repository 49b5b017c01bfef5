using System;

namespace GenScheduler;

/// <summary>
/// How long to wait before trying an unreachable store again: 1 s, doubling to 30 s. Reports each failure with the
/// delay it leads to, and the recovery once, so an outage is a handful of log lines rather than one per fire.
/// </summary>
internal sealed class RetryBackoff
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    private readonly SchedulerObserver _observer;
    private readonly string _store;
    private int _failures;
    private TimeSpan _delay = First;

    public RetryBackoff(SchedulerObserver observer, string store)
    {
        _observer = observer;
        _store = store;
    }

    /// <summary>Whether the last attempt failed.</summary>
    public bool Failing => _failures > 0;

    /// <summary>Records a failure to <paramref name="action"/>; the time to wait before the next attempt.</summary>
    public TimeSpan Failed(string action, Exception error)
    {
        var delay = _delay;
        _failures++;
        _delay = TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, Longest.Ticks));
        _observer.StoreFailed(_store, action, delay, error);
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
        _delay = First;
    }
}
