using System;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// The cancellation a run with a <see cref="JobOptions.Timeout"/> sees: cancelled on shutdown, or when the timeout,
/// measured on the scheduler's clock, runs out. Only jobs with a timeout pay for one.
/// </summary>
/// <remarks>
/// Timers take at most 0xFFFFFFFE ms (about 49.7 days), so a longer timeout re-arms until it has really run out: any
/// positive <see cref="TimeSpan"/> works, <see cref="TimeSpan.MaxValue"/> included.
/// </remarks>
internal sealed class RunTimeout : IDisposable
{
    private const int Armed = 0, Fired = 1, Disposed = 2;
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(0xFFFFFFFE);

    // Never disposed: it has no timer or wait handle of its own, and a timer callback may still cancel it after the run.
    private readonly CancellationTokenSource _cancel = new();
    private readonly CancellationTokenRegistration _onStop;
    private readonly ITimer _timer;
    private readonly SchedulerObserver _observer;
    private readonly ScheduledJob _job;
    private readonly DateTimeOffset _scheduledTime;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly long _startStamp;
    private int _state;

    public RunTimeout(SchedulerObserver observer, ScheduledJob job, DateTimeOffset scheduledTime, TimeSpan timeout, TimeProvider time, CancellationToken stop)
    {
        _observer = observer;
        _job = job;
        _scheduledTime = scheduledTime;
        _timeout = timeout;
        _time = time;
        _startStamp = time.GetTimestamp();
        _onStop = stop.UnsafeRegister(static state => ((RunTimeout)state!)._cancel.Cancel(), this);
        _timer = time.CreateTimer(static state => ((RunTimeout)state!).OnTimer(), this, Min(timeout, MaxTimerDelay), Timeout.InfiniteTimeSpan);
    }

    public CancellationToken Token => _cancel.Token;

    private void OnTimer()
    {
        var left = _timeout - _time.GetElapsedTime(_startStamp);
        if (left > TimeSpan.Zero)
        {
            _timer.Change(Min(left, MaxTimerDelay), Timeout.InfiniteTimeSpan);
            return;
        }

        if (Interlocked.CompareExchange(ref _state, Fired, Armed) != Armed)
        {
            return;
        }

        _observer.JobTimedOut(_job, _scheduledTime, _timeout);
        try
        {
            _cancel.Cancel();
        }
#pragma warning disable CA1031 // A job's own cancellation callback that throws must not escape into the timer thread.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _observer.CancellationCallbackFailed(e);
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _state, Disposed);
        _timer.Dispose();
        _onStop.Dispose();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
