using System;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// The cancellation a run with a <see cref="JobOptions.Timeout"/> sees: cancelled on shutdown, or when the timeout,
/// measured on the scheduler's clock, runs out. One per <see cref="JobRun"/>, made the first time it makes a run with a
/// timeout and armed again for each run after, so such a run allocates nothing: its timer is made once and moved only
/// when it would call back after the run's time runs out, and its token source is reset, not replaced, unless it was
/// cancelled.
/// </summary>
/// <remarks>
/// <para>Timers take at most 0xFFFFFFFE ms (about 49.7 days), so a longer timeout re-arms until it has really run out:
/// any positive <see cref="TimeSpan"/> works, <see cref="TimeSpan.MaxValue"/> included.</para>
/// <para>A timer callback can outlive the run it was armed for: it may be running already when that run ends and the
/// next one is armed. So it decides under the lock, from the run armed now and that run's own start, and can only time
/// out a run whose time has really run out; a source it is about to cancel is never handed to another run.</para>
/// <para>A run's end leaves the timer as it is: the callback of a timer armed for a run that has ended finds no run and
/// only forgets itself, so the timer's queue holds this object until then, at most a timeout after the last run.</para>
/// </remarks>
internal sealed class RunTimeout
{
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(0xFFFFFFFE);

    // The timer's due time when it will not call back: later than any run's time can run out.
    private const long NotPending = long.MaxValue;

    private readonly Lock _lock = new();
    private readonly SchedulerObserver _observer;
    private readonly TimeProvider _time;
    private readonly CancellationToken _stop;
    private ITimer? _timer;

    // When the timer will call back (a timestamp of the scheduler's time), or NotPending. Under the lock.
    private long _timerDue = NotPending;

    // Never disposed: it has no timer or wait handle of its own, and a timer callback may still cancel it after its run.
    private CancellationTokenSource _cancel = new();
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

        // Once, for every run this will time: registering and unregistering at each run cost two atomic operations on
        // the stop token's source, shared by every run in flight. Never unregistered: this lives as long as the
        // executor whose stop it is.
        stop.UnsafeRegister(static state => ((RunTimeout)state!).OnStop(), this);
    }

    private enum State
    {
        /// <summary>No run: the last one has ended, or none has begun.</summary>
        Idle,

        /// <summary>A run is on, and its time has not run out.</summary>
        Armed,

        /// <summary>The run's time ran out, or the scheduler stops it: its source is being cancelled, and is never reset.</summary>
        Fired,
    }

    /// <summary>
    /// Starts timing the run of <paramref name="job"/> at <paramref name="scheduledTime"/>, which started at
    /// <paramref name="startStamp"/> (a timestamp of the scheduler's time); returns the token it sees.
    /// </summary>
    public CancellationToken Arm(ScheduledJob job, DateTimeOffset scheduledTime, TimeSpan timeout, long startStamp)
    {
        CancellationToken token;
        CancellationTokenSource? stopped = null;
        lock (_lock)
        {
            _job = job;
            _scheduledTime = scheduledTime;
            _timeout = timeout;
            _startStamp = startStamp;
            _state = State.Armed;
            token = _cancel.Token;

            // A timer still pending from an earlier run is kept when it is due before this run's time runs out: its
            // callback measures from this run's start and arms again for the rest. Moving a timer takes the runtime's
            // timer-queue lock, and runs of a job with a timeout moved it twice each, as they began and as they ended.
            var due = Min(timeout, MaxTimerDelay);
            if (_timerDue > startStamp + Stamps(due))
            {
                SetTimer(due);
            }

            // A stop that came before the run was armed found no run to cancel (see OnStop): this one is cancelled at once.
            if (_stop.IsCancellationRequested)
            {
                _state = State.Fired;
                stopped = _cancel;
            }
        }

        if (stopped is not null)
        {
            Cancel(stopped);
        }

        return token;
    }

    /// <summary>Stops timing the run that has ended, and readies the token source for the next.</summary>
    public void Disarm()
    {
        lock (_lock)
        {
            // The timer is left to call back, if it still will: finding no run, it only forgets itself (see Arm).
            var fired = _state == State.Fired;
            _state = State.Idle;
            _job = null;

            // A source that was cancelled, or that the timer thread or a stop is about to cancel outside the lock, cannot
            // serve another run. A reset one keeps the same token: a job that kept its token past its run sees the next run's.
            if (fired || !_cancel.TryReset())
            {
                _cancel = new CancellationTokenSource();
            }
        }
    }

    /// <summary>Arms the timer for <paramref name="due"/> from now, making it the first time. Under the lock.</summary>
    private void SetTimer(TimeSpan due)
    {
        if (_timer is null)
        {
            _timer = CreateTimer(due);
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }

        _timerDue = _time.GetTimestamp() + Stamps(due);
    }

    /// <summary><paramref name="time"/> in timestamps of the scheduler's time.</summary>
    private long Stamps(TimeSpan time) => (long)(time.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));

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
            // Also when this is a callback of an earlier arming, and the timer is pending again: one more arming at most.
            _timerDue = NotPending;
            if (_state != State.Armed)
            {
                return;
            }

            // From the start of the run armed now, which may not be the run this callback was armed for.
            var left = _timeout - _time.GetElapsedTime(_startStamp);
            if (left > TimeSpan.Zero)
            {
                SetTimer(Min(left, MaxTimerDelay));
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
        Cancel(cancel);
    }

    /// <summary>The scheduler stops its runs: the run armed now, if any, is cancelled as a timeout's would be, but not reported as one.</summary>
    private void OnStop()
    {
        CancellationTokenSource cancel;
        lock (_lock)
        {
            if (_state != State.Armed)
            {
                return;
            }

            _state = State.Fired;
            cancel = _cancel;
        }

        // Thrown into the stop's own cancellation, which reports what the jobs' callbacks threw, as for runs without a timeout.
        cancel.Cancel();
    }

    private void Cancel(CancellationTokenSource cancel)
    {
        try
        {
            cancel.Cancel();
        }
#pragma warning disable CA1031 // A job's own cancellation callback that throws must not escape into the timer thread, nor into a run being armed.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _observer.CancellationCallbackFailed(e);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
