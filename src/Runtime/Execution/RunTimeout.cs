using System;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// The cancellation a run with a <see cref="JobOptions.Timeout"/> sees: cancelled on shutdown, or when the timeout,
/// measured on the scheduler's clock, runs out. One per <see cref="JobRun"/>, made the first time it makes a run with a
/// timeout and armed again for each run after, so such a run allocates nothing: its timer is moved, not made, and its
/// token source is reset, not replaced, unless it was cancelled.
/// </summary>
/// <remarks>
/// <para>Timers take at most 0xFFFFFFFE ms (about 49.7 days), so a longer timeout re-arms until it has really run out:
/// any positive <see cref="TimeSpan"/> works, <see cref="TimeSpan.MaxValue"/> included.</para>
/// <para>A timer callback can outlive the run it was armed for: it may be running already when that run ends and the
/// next one is armed. So it decides under the lock, from the run armed now and that run's own start, and can only time
/// out a run whose time has really run out; a source it is about to cancel is never handed to another run.</para>
/// </remarks>
internal sealed class RunTimeout
{
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(0xFFFFFFFE);

    private readonly Lock _lock = new();
    private readonly SchedulerObserver _observer;
    private readonly TimeProvider _time;
    private readonly CancellationToken _stop;
    private ITimer? _timer;

    // Never disposed: it has no timer or wait handle of its own, and a timer callback may still cancel it after its run.
    private CancellationTokenSource _cancel = new();
    private CancellationTokenRegistration _onStop;
    private State _state;
    private ScheduledJob? _job;
    private DateTimeOffset _scheduledTime;
    private TimeSpan _timeout;
    private long _startStamp;

    public RunTimeout(SchedulerObserver observer, TimeProvider time, CancellationToken stop)
    {
        _observer = observer;
        _time = time;
        _stop = stop;
    }

    private enum State
    {
        /// <summary>No run: the last one has ended, or none has begun.</summary>
        Idle,

        /// <summary>A run is on, and its time has not run out.</summary>
        Armed,

        /// <summary>The run's time ran out: its source is being cancelled, and is never reset.</summary>
        Fired,
    }

    /// <summary>
    /// Starts timing the run of <paramref name="job"/> at <paramref name="scheduledTime"/>, which started at
    /// <paramref name="startStamp"/> (a timestamp of the scheduler's time); returns the token it sees.
    /// </summary>
    public CancellationToken Arm(ScheduledJob job, DateTimeOffset scheduledTime, TimeSpan timeout, long startStamp)
    {
        CancellationToken token;
        lock (_lock)
        {
            _job = job;
            _scheduledTime = scheduledTime;
            _timeout = timeout;
            _startStamp = startStamp;
            _state = State.Armed;
            token = _cancel.Token;
            var due = Min(timeout, MaxTimerDelay);
            if (_timer is null)
            {
                _timer = CreateTimer(due);
            }
            else
            {
                _timer.Change(due, Timeout.InfiniteTimeSpan);
            }
        }

        // Per run: the stop token's source recycles its callback nodes, so this allocates nothing once warm. On a
        // scheduler already stopping it cancels at once.
        _onStop = _stop.UnsafeRegister(static state => ((RunTimeout)state!)._cancel.Cancel(), this);
        return token;
    }

    /// <summary>Stops timing the run that has ended, and readies the token source for the next.</summary>
    public void Disarm()
    {
        // Waits for a shutdown's callback that is cancelling on another thread, so the source is not reset under it.
        _onStop.Dispose();
        _onStop = default;
        lock (_lock)
        {
            var fired = _state == State.Fired;
            _state = State.Idle;
            _job = null;
            _timer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

            // A source that was cancelled, or that the timer thread is about to cancel outside the lock, cannot serve
            // another run. A reset one keeps the same token: a job that kept its token past its run sees the next run's.
            if (fired || !_cancel.TryReset())
            {
                _cancel = new CancellationTokenSource();
            }
        }
    }

    /// <summary>Makes the timer without the caller's execution context: it serves every run after this one.</summary>
    private ITimer CreateTimer(TimeSpan due)
    {
        if (ExecutionContext.IsFlowSuppressed())
        {
            return _time.CreateTimer(static state => ((RunTimeout)state!).OnTimer(), this, due, Timeout.InfiniteTimeSpan);
        }

        using (ExecutionContext.SuppressFlow())
        {
            return _time.CreateTimer(static state => ((RunTimeout)state!).OnTimer(), this, due, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer()
    {
        ScheduledJob job;
        DateTimeOffset scheduledTime;
        TimeSpan timeout;
        CancellationTokenSource cancel;
        lock (_lock)
        {
            if (_state != State.Armed)
            {
                return;
            }

            // From the start of the run armed now, which may not be the run this callback was armed for.
            var left = _timeout - _time.GetElapsedTime(_startStamp);
            if (left > TimeSpan.Zero)
            {
                _timer!.Change(Min(left, MaxTimerDelay), Timeout.InfiniteTimeSpan);
                return;
            }

            _state = State.Fired;
            job = _job!;
            scheduledTime = _scheduledTime;
            timeout = _timeout;
            cancel = _cancel;
        }

        // Outside the lock: a listener, or a job's own cancellation callback, may wait for the run to end.
        _observer.JobTimedOut(job, scheduledTime, timeout);
        try
        {
            cancel.Cancel();
        }
#pragma warning disable CA1031 // A job's own cancellation callback that throws must not escape into the timer thread.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _observer.CancellationCallbackFailed(e);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
