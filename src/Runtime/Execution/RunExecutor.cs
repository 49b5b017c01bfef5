using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler;

/// <summary>
/// APScheduler's executor: runs submissions on the thread pool, or on dedicated threads for jobs that block
/// (<see cref="JobExecutor.DedicatedThread"/>), keeps the scheduler-wide concurrency limit and its line, counts
/// runs in flight, and cancels them on shutdown.
/// </summary>
/// <remarks>
/// A run ends without the scheduler's lock: its completion touches only the run pool, the line (when there is a
/// limit) and lock-free counters, so thousands of completions never queue behind the firing loop.
/// </remarks>
internal sealed class RunExecutor
{
    private readonly RunPool _pool;
    private readonly Lock _lineLock = new();
    private readonly Queue<JobRun> _line = new();
    private readonly int _maxConcurrency;
    private readonly DedicatedThreads _dedicated;
    private readonly PoolLane _lane;
    private readonly IdleTracker _runs;
    private readonly CancellationTokenSource _stop = new();
    private int _executing;

    public RunExecutor(SchedulerObserver observer, TimeProvider time, int? maxConcurrency, int dedicatedThreads, TimeSpan inlineRunLimit, IdleTracker all)
    {
        Observer = observer;
        Time = time;
        _maxConcurrency = maxConcurrency ?? int.MaxValue;

        // A concurrency limit is kept by the line, which the firing thread does not wait in: no runs inline then.
        InlineRunLimit = maxConcurrency is null ? inlineRunLimit : TimeSpan.Zero;
        _lane = new PoolLane(time, InlineRunLimit);
        _dedicated = new DedicatedThreads(time, dedicatedThreads);
        _runs = new IdleTracker(parent: all);
        _pool = new RunPool(this);
    }

    public SchedulerObserver Observer { get; }

    /// <summary>How long a run may take to be made on the firing thread; zero when none is (<see cref="SchedulerOptions.InlineRunLimit"/>).</summary>
    public TimeSpan InlineRunLimit { get; }

    public TimeProvider Time { get; }

    /// <summary>Cancelled when running jobs are to stop: a shutdown that does not wait, or whose wait ran out.</summary>
    public CancellationToken StopToken => _stop.Token;

    /// <summary>Runs submitted and not yet finished.</summary>
    public int InFlight => _runs.Pending;

    /// <summary>
    /// Takes one instance of <paramref name="job"/> and makes the submission of its runs. Called under the scheduler's
    /// lock, so that whoever holds the lock sees the instance taken and the run in flight; <see cref="Submit(JobRun)"/> it after.
    /// </summary>
    public JobRun Prepare(ScheduledJob job, DateTimeOffset first, int count, int attempt = 1, bool takenOver = false)
    {
        job.RunStarted();
        _runs.Enter();
        var run = _pool.Take();
        run.Prepare(job, first, count, attempt, takenOver);
        return run;
    }

    /// <summary>Undoes <see cref="Prepare"/> for a run that will not be made: the store gave its fire to another node.</summary>
    public void Discard(JobRun run)
    {
        run.Job.RunEnded();
        run.Clear();
        _pool.Return(run);
        _runs.Exit();
    }

    /// <summary>The application's services every run sees (<see cref="SchedulerOptions.Services"/>); set once, at construction.</summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>The store that records how stored jobs' runs end; set once, before the scheduler starts.</summary>
    public StoreLink? Store { get; set; }

    /// <summary>Starts a prepared submission, or puts it in line behind the concurrency limit. Called outside the scheduler's lock.</summary>
    public void Submit(JobRun run)
    {
        if (_maxConcurrency != int.MaxValue)
        {
            lock (_lineLock)
            {
                if (_executing >= _maxConcurrency)
                {
                    _line.Enqueue(run);
                    return;
                }

                _executing++;
            }
        }

        Dispatch(run);
    }

    /// <summary>
    /// Starts prepared submissions (empty entries are skipped), and leaves <paramref name="runs"/> empty: with no
    /// concurrency limit, the pool's in one batch; the quick ones go to <paramref name="inline"/>, for the firing thread
    /// to make once the others are on their way.
    /// </summary>
    public void Submit(Span<JobRun?> runs, InlineRuns? inline = null)
    {
        bool left = false;
        foreach (ref var run in runs)
        {
            if (run is null)
            {
                continue;
            }

            if (inline is not null && InlineRuns.Takes(run.Job))
            {
                inline.Add(run);
                run = null;
            }
            else
            {
                left = true;
            }
        }

        if (!left)
        {
            // All quick, as in a storm of quick jobs: the pool's lane is not even looked at.
            return;
        }

        if (_maxConcurrency == int.MaxValue)
        {
            // The pool's runs go first, all at once; what is left is for the dedicated threads.
            _lane.TakePoolRuns(runs);
        }

        foreach (ref var run in runs)
        {
            if (run is not null)
            {
                Submit(run);
                run = null;
            }
        }
    }

    /// <summary>Called by a run when its last run has ended.</summary>
    public void Finished(JobRun run)
    {
        if (_maxConcurrency != int.MaxValue)
        {
            JobRun? next;
            lock (_lineLock)
            {
                if (_line.TryDequeue(out next))
                {
                    // The slot passes straight to the run next in line.
                }
                else
                {
                    _executing--;
                }
            }

            if (next is not null)
            {
                Dispatch(next);
            }
        }

        _pool.Return(run);
        _runs.Exit();
    }

    /// <summary>
    /// Called once for <paramref name="count"/> submissions held by <see cref="JobRun.ExecuteAndHold"/>, chained from
    /// <paramref name="first"/> to <paramref name="last"/> by <see cref="JobRun.NextIdle"/>: the firing thread's inline
    /// runs, which never have a concurrency limit to keep.
    /// </summary>
    public void FinishedHeld(JobRun first, JobRun last, int count)
    {
        System.Diagnostics.Debug.Assert(_maxConcurrency == int.MaxValue, "inline runs with a concurrency limit");
        _pool.Return(first, last);
        _runs.Exit(count);
    }

    /// <summary>Completes when no run is in flight.</summary>
    public Task WhenDrained() => _runs.WhenIdle();

    /// <summary>Cancels the token every running job sees. A job's own cancellation callback that throws is reported, never thrown.</summary>
    public void CancelRunning()
    {
        try
        {
            _stop.Cancel();
        }
#pragma warning disable CA1031 // A job's cancellation callback that throws must not break shutdown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Observer.CancellationCallbackFailed(e);
        }
    }

    /// <summary>Lets the dedicated threads end once their work is done.</summary>
    public void Stop() => _dedicated.Stop();

    private void Dispatch(JobRun run)
    {
        if (run.Job.Executor == JobExecutor.DedicatedThread)
        {
            _dedicated.Queue(run);
        }
        else
        {
            _lane.Enqueue(run);
        }
    }
}
