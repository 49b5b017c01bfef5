using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// The quick runs of a batch of fires, made on the firing thread itself, as a hand-written timer loop makes them: no
/// hand-off to the pool, no second thread to wake. Which jobs are quick is learnt by timing: a job's runs go to the
/// pool until one there takes less than <see cref="SchedulerOptions.InlineRunLimit"/>, and back to the pool when two in
/// a row here do not (one alone is often the machine's: see <see cref="RunPlace.FiringThreadSlowOnce"/>).
/// </summary>
/// <remarks>
/// <para>Only the synchronous part of a run is made here: an asynchronous job continues wherever its awaited work
/// completes, as on the pool. What a run leaves on the thread (an execution context with its async locals, a
/// synchronization context) is cleared before the next, as the pool does between work items.</para>
/// <para>A run that does not return holds the thread: the <see cref="LoopWatchdog"/> then hands the runs not started
/// to the pool and the schedule to a new thread, and the job is not run here again.</para>
/// </remarks>
internal sealed class InlineRuns
{
    private readonly RunExecutor _executor;
    private readonly long _limit;
    private JobRun?[] _batch = new JobRun?[16];
    private int _count;
    private ScheduledJob? _current;

    /// <param name="executor">The executor whose runs these are, to which they go back when they end.</param>
    /// <param name="limit">The longest a run may take here; more than zero.</param>
    public InlineRuns(RunExecutor executor, TimeSpan limit)
    {
        _executor = executor;
        _limit = StopwatchTicks(limit);
        Limit = limit;
    }

    /// <summary>The longest a run may take here (<see cref="SchedulerOptions.InlineRunLimit"/>).</summary>
    public TimeSpan Limit { get; }

    /// <summary>The watchdog of the thread that makes these runs; set once, before the loop starts.</summary>
    public LoopWatchdog? Watchdog { get; set; }

    /// <summary>Whether runs wait to be made.</summary>
    public bool HasRuns => _count > 0;

    /// <summary>The job whose run is in progress; read by the watchdog once it has taken the lease.</summary>
    public ScheduledJob? Current => Volatile.Read(ref _current);

    /// <summary>Whether <paramref name="job"/>'s runs are made here: learnt quick, on the pool's executor.</summary>
    public static bool Takes(ScheduledJob job) =>
        (job.Place is RunPlace.FiringThread or RunPlace.FiringThreadSlowOnce) && job.Executor == JobExecutor.ThreadPool;

    /// <summary>Adds a prepared run to the batch.</summary>
    public void Add(JobRun run)
    {
        if (_count == _batch.Length)
        {
            Array.Resize(ref _batch, _count * 2);
        }

        _batch[_count++] = run;
    }

    /// <summary>
    /// Makes the batch, in order, on this thread, which holds <paramref name="lease"/>; <see langword="false"/> when the
    /// watchdog took the lease during a run, in which case nothing here may be touched any more (the runs left are the pool's).
    /// <paramref name="newCycle"/> says the batch is the firing-loop cycle's first (see <see cref="LoopLease.Cycles"/>).
    /// </summary>
    // Optimised at its first call: it runs a few times a burst, so tiering took it through three compiles, one burst
    // each, and its last (inlining its callees with their profile, ~7 ms) came seconds into the process. The run itself
    // (RunFromHere) is called, with its own profile; the small steps around it are inlined here.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Run(LoopLease lease, bool newCycle)
    {
        var context = ExecutionContext.Capture();
        var clock = new RunClock(_executor.Time);
        var ended = new EndedRuns(_executor);
        long start = 0;
        try
        {
            for (int i = 0; i < _count; i++)
            {
                var run = _batch[i]!;
                _batch[i] = null;
                var job = run.Job;
                Volatile.Write(ref _current, job);
                int number = lease.Begin(fenced: i == 0, newCycle: newCycle && i == 0);
                if (i == 0)
                {
                    // Which may start the watchdog's thread: not the run's time.
                    Watchdog!.Watch();
                    start = clock.ReadNextStart();
                }

                // A run that goes asynchronous may end and be reused by another thread at once: it is not read after
                // this. One that ends here is held until the batch is over, and handed back with the others. It leaves
                // the clock read after it, which times it here (with what the scheduler did between runs, a few steps).
                if (run.ExecuteAndHold(ref clock))
                {
                    ended.Add(run);
                }

                if (!lease.End(number))
                {
                    return false;
                }

                long end = clock.ThreadStamp;
                if (end - start > _limit)
                {
                    job.RanSlowly();
                }
                else
                {
                    job.RanQuicklyInline();
                }

                start = end;
                Clean(context);
            }
        }
        finally
        {
            // Also when the lease was lost: the runs that ended are this thread's to hand back, and touch only the executor.
            ended.HandBack();
        }

        _count = 0;
        _current = null;
        return true;
    }

    /// <summary>
    /// Called by the watchdog that took the lease: the runs not started go to the pool, in order, before a new thread
    /// may fill the batch again.
    /// </summary>
    public void HandOver(RunExecutor executor)
    {
        executor.Submit(_batch.AsSpan(0, _count));
        _count = 0;
        _current = null;
    }

    /// <summary><paramref name="time"/> in <see cref="Stopwatch"/> ticks, what runs are timed in.</summary>
    public static long StopwatchTicks(TimeSpan time) => (long)(time.Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));

    /// <summary>Clears what a run left on the thread: the contexts it set, as the thread pool does after a work item.</summary>
    public static void Clean(ExecutionContext? context)
    {
        if (!ReferenceEquals(ExecutionContext.Capture(), context) && context is not null)
        {
            ExecutionContext.Restore(context);
        }

        if (SynchronizationContext.Current is not null)
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }
    }

    /// <summary>
    /// The submissions of a batch that ended on the firing thread, chained by <see cref="JobRun.NextIdle"/>: handed back
    /// to the executor in one step, where each would cost a compare-and-swap on the pool and a decrement of the count
    /// in flight (a third of a quick fire's atomic operations).
    /// </summary>
    private struct EndedRuns(RunExecutor executor)
    {
        private JobRun? _first;
        private JobRun? _last;
        private int _count;

        public void Add(JobRun run)
        {
            run.NextIdle = _first;
            _first = run;
            _last ??= run;
            _count++;
        }

        public void HandBack()
        {
            if (_count > 0)
            {
                executor.FinishedHeld(_first!, _last!, _count);
                (_first, _last, _count) = (null, null, 0);
            }
        }
    }
}
