using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler;

/// <summary>
/// One submission of a job to the executor: usually one run, or a backlog of runs made one after another (what a job
/// that does not coalesce catches up on). It holds one of the job's instances from submission to the end of its last
/// run. Pooled by the <see cref="RunExecutor"/> and reused, and so is what it needs to wait for an asynchronous job and
/// to time a run out: a fire costs no allocation, whether the job is synchronous, asynchronous or has a timeout.
/// </summary>
internal sealed class JobRun
{
    private readonly RunExecutor _executor;
    private readonly Action _onPendingCompleted;
    private ScheduledJob? _job;
    private FireTimes _times;
    private DateTimeOffset _scheduledTime;
    private int _remaining;
    private bool _instanceReleased;
    private long _startStamp;
    private CancellationToken _token;
    private RunTimeout? _timeout;
    private bool _timed;
    private ValueTask _pending;
    private ExecutionContext? _pendingContext;
    private int _count;
    private DateTimeOffset _firstRun;
    private int _attempt;
    private bool _takenOver;
    private RunOutcome _outcome;
    private System.Diagnostics.Activity? _activity;

    public JobRun(RunExecutor executor)
    {
        _executor = executor;
        _onPendingCompleted = OnPendingCompleted;
    }

    public ScheduledJob Job => _job!;

    /// <summary>The next idle run, while this one waits in the <see cref="RunPool"/>.</summary>
    public JobRun? NextIdle { get; set; }

    /// <summary>The scheduled time of the run about to be made (the first, while the submission waits).</summary>
    public DateTimeOffset ScheduledTime => _scheduledTime;

    /// <summary>How many runs the submission was made with.</summary>
    public int Count => _count;

    /// <summary>
    /// Makes this the submission of <paramref name="count"/> runs of <paramref name="job"/>, from <paramref name="first"/> on its
    /// trigger's times, as <paramref name="attempt"/>; a run <paramref name="takenOver"/> from a dead node is made however late it is.
    /// </summary>
    public void Prepare(ScheduledJob job, DateTimeOffset first, int count, int attempt, bool takenOver)
    {
        _job = job;
        // Only a backlog steps through its trigger's times; a single run never reads them (nor copies two references).
        _times = count > 1 ? job.FireTimes : default;
        _scheduledTime = first;
        _firstRun = first;
        _remaining = count;
        _count = count;
        _attempt = attempt;
        _takenOver = takenOver;
        _instanceReleased = false;
    }

    /// <summary>Forgets the job, for a submission discarded before it ran.</summary>
    public void Clear() => _job = null;

    /// <summary>
    /// Makes the submission's runs, on the thread that calls it (the firing thread, a pool thread or a dedicated one),
    /// which reads the time with <paramref name="clock"/>. On return, the clock's last reading is from after what ran here.
    /// </summary>
    public void Execute(ref RunClock clock) => RunFromHere(ref clock, hold: false);

    /// <summary>
    /// <see cref="Execute"/>, but a submission that ends here, synchronously, is not handed back to the executor:
    /// <see langword="true"/> says so, and the caller hands it back with others (<see cref="RunExecutor.FinishedHeld"/>),
    /// one step for a batch where each would take two atomic operations. <see langword="false"/>: it went asynchronous,
    /// and nothing of it may be touched any more.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ExecuteAndHold(ref RunClock clock) => RunFromHere(ref clock, hold: true);

    /// <summary>
    /// Makes the runs left, inline while they complete synchronously; an async one continues in <see cref="OnPendingCompleted"/>.
    /// With <paramref name="hold"/>, a submission that ends here is kept from the executor and <see langword="true"/> returned.
    /// </summary>
    private bool RunFromHere(ref RunClock clock, bool hold)
    {
        var job = _job!;
        while (true)
        {
            // The run's duration counts from here: the scheduler's few steps before the job is called (its span's
            // start, the timeout's arming) are the run's, and one reading serves both.
            var start = clock.ReadStart();
            _startStamp = clock.Stamp;

            // Judged again here, at the real start: a run that waited in line, in the pool or behind the runs of its
            // own backlog can miss its grace too.
            var lateness = start - _scheduledTime;
            if (lateness.Ticks > job.Grace && !_takenOver)
            {
                _outcome = RunOutcome.Missed;
                ReleaseInstanceIfLast(job);
                _executor.Observer.JobMissed(job, _scheduledTime, lateness);
            }
            else
            {
                var pending = Begin(job, start);
                if (!pending.IsCompleted)
                {
                    // How long the synchronous part held this thread, for whoever times it.
                    clock.Read();
                    ContinueWhenCompleted(pending);
                    return false;
                }

                End(job, Observe(pending), ref clock);
            }

            if (!MoveNext(job))
            {
                if (hold)
                {
                    Complete(job);
                    return true;
                }

                Finish(job);
                return false;
            }
        }
    }

    private ValueTask Begin(ScheduledJob job, DateTimeOffset start)
    {
        _executor.Observer.JobRunning(job, _scheduledTime);
        var token = _executor.StopToken;
        if (job.Timeout is { } timeout)
        {
            _timeout ??= new RunTimeout(_executor.Observer, _executor.Time, _executor.StopToken);
            token = _timeout.Arm(job, _scheduledTime, timeout, _startStamp);
            _timed = true;
        }

        _token = token;
        _activity = _executor.Observer.Telemetry.RunStarted(job.Id, _scheduledTime, start, _attempt);
        try
        {
            return job.Invoker(new JobContext(job.Id, _scheduledTime, start, _attempt, token) { Services = _executor.Services });
        }
#pragma warning disable CA1031 // A job's failure must never stop the scheduler: it is logged, whatever it is.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ValueTask.FromException(e);
        }
    }

    /// <summary>
    /// Has <see cref="OnPendingCompleted"/> called when the job's <paramref name="pending"/> run completes: what an
    /// await would do, without the state machine and the task an async method allocates on every asynchronous run.
    /// </summary>
    private void ContinueWhenCompleted(ValueTask pending)
    {
        // The continuation runs on whatever thread completes the job, in that thread's context (UnsafeOnCompleted
        // flows none). It is run in this one, as an await would, so that the next run of a backlog does not see what
        // the job set in its own context, and ending the run's activity does not change the completer's current one.
        _pendingContext = ExecutionContext.Capture();
        _pending = pending;

        // Nothing of this run may be touched after this call: the continuation may be running already, on another thread.
        pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onPendingCompleted);
    }

    private void OnPendingCompleted()
    {
        var context = _pendingContext;
        _pendingContext = null;
        if (context is null)
        {
            ContinueAfterPending();
        }
        else
        {
            ExecutionContext.Run(context, static state => ((JobRun)state!).ContinueAfterPending(), this);
        }
    }

    /// <summary>Ends the run that was pending and goes on with the backlog, as <see cref="RunFromHere"/> does after a synchronous run.</summary>
    private void ContinueAfterPending()
    {
        // A ValueTask is observed once: its source may be reused as soon as its result is read, so the field lets go first.
        var completed = _pending;
        _pending = default;
        var job = _job!;

        // A thread of its own, with a clock of its own.
        var clock = new RunClock(_executor.Time);
        End(job, Observe(completed), ref clock);
        if (MoveNext(job))
        {
            RunFromHere(ref clock, hold: false);
        }
        else
        {
            Finish(job);
        }
    }

    private static Exception? Observe(ValueTask completed)
    {
        try
        {
            completed.GetAwaiter().GetResult();
            return null;
        }
#pragma warning disable CA1031 // See Begin.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
    }

    private void End(ScheduledJob job, Exception? error, ref RunClock clock)
    {
        if (_timed)
        {
            _timed = false;
            _timeout!.Disarm();
        }

        clock.Read();
        var duration = clock.Since(_startStamp);

        // The counts a listener may look at are brought up to date before it hears that the run ended.
        ReleaseInstanceIfLast(job);

        // Failures and cancellations are always logged, at least: only a success may be heard of by nobody.
        bool heard = true;

        // A job that stops because we cancelled it (timeout or shutdown) did what was asked: that is not a failure.
        if (error is OperationCanceledException && _token.IsCancellationRequested)
        {
            _outcome = RunOutcome.Cancelled;
            _executor.Observer.JobCancelled(job, _scheduledTime, duration);
        }
        else if (error is not null)
        {
            _outcome = RunOutcome.Failed;
            _executor.Observer.JobFailed(job, _scheduledTime, duration, error);
        }
        else
        {
            _outcome = RunOutcome.Succeeded;
            heard = _executor.Observer.JobExecuted(job, _scheduledTime, duration);
        }

        // One measurement and the span's end for every outcome, after the outcome is known and before the run's slot is reused.
        heard |= _executor.Observer.Telemetry.RunEnded(job.Id, _outcome, duration, _outcome == RunOutcome.Failed ? error : null, _activity);
        _token = default;
        _activity = null;
        if (!heard)
        {
            clock.StartNextAtLastReading();
        }
    }

    /// <summary>Moves to the next run of the backlog; <see langword="false"/> when there is none.</summary>
    private bool MoveNext(ScheduledJob job)
    {
        // The runs still to come of a backlog are new runs: none starts once the job is removed or paused, or the
        // scheduler stops them. Read without the lock; a change a moment old only means one more run.
        if (--_remaining <= 0 || _executor.StopToken.IsCancellationRequested || !job.Registered || job.Paused)
        {
            return false;
        }

        try
        {
            if (_times.Next(_scheduledTime) is { } next)
            {
                _scheduledTime = next;
                return true;
            }
        }
        catch (TriggerFaultException e)
        {
            // The firing loop stepped the same trigger over these times already; one that now fails ends the backlog.
            _executor.Observer.JobFailed(job, _scheduledTime, TimeSpan.Zero, e);
        }

        return false;
    }

    private void ReleaseInstanceIfLast(ScheduledJob job)
    {
        if (_remaining == 1 && !_instanceReleased)
        {
            _instanceReleased = true;
            job.RunEnded();
        }
    }

    /// <summary>The submission is over: <see cref="Complete"/>, and it goes back to the executor.</summary>
    private void Finish(ScheduledJob job)
    {
        Complete(job);
        _executor.Finished(this);
    }

    /// <summary>The submission is over: its instance is released and a stored job's store told; it is not yet given back.</summary>
    private void Complete(ScheduledJob job)
    {
        if (!_instanceReleased)
        {
            _instanceReleased = true;
            job.RunEnded();
        }

        if (job.Stored && _executor.Store is { } store)
        {
            // Keyed by the fire's first run, as the store recorded it when it gave this node the fire.
            store.Writes.Completed(new RunCompletion(job.Id, _firstRun, _attempt, _outcome, _scheduledTime, _executor.Time.GetUtcNow()));
        }

        _job = null;
    }
}
