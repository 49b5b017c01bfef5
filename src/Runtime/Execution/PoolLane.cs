using System;
using System.Collections.Generic;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// Runs waiting for a thread-pool thread, in submission order, and the one work item that drains them. A storm of ten
/// thousand due runs becomes a few pool work items, not ten thousand: the pool's queue is not grown and dropped at every
/// burst (which allocated), and the firing loop does not pay a pool call per run.
/// </summary>
/// <remarks>
/// <para>The rule that keeps a blocking job from stalling the others: while runs wait, one drainer is always queued to
/// the pool (never more than one at a time). A drainer that starts takes that role off, and queues the next before it
/// makes a run if more runs wait. So runs spread over the pool's free threads; and when every drainer is stuck in a job
/// that blocks, the queued one is pool work that waits, which the pool answers by adding threads, as it would for one
/// work item per run.</para>
/// <para>The drainer is one object, queued as often as needed (its state is all here), so draining allocates nothing.
/// After <see cref="Budget"/> runs it hands its thread back to the pool, so other pool work gets a turn.</para>
/// </remarks>
internal sealed class PoolLane : IThreadPoolWorkItem
{
    private const int Budget = 256;

    private readonly Lock _lock = new();
    private readonly Queue<JobRun> _runs = new();
    private readonly TimeProvider _time;
    private readonly long _quick;
    private int _drainerQueued;

    /// <param name="time">The scheduler's time.</param>
    /// <param name="inlineRunLimit">How long a run of an undecided job may take to move the job to the firing thread; zero for never.</param>
    public PoolLane(TimeProvider time, TimeSpan inlineRunLimit)
    {
        _time = time;
        _quick = InlineRuns.StopwatchTicks(inlineRunLimit);
    }

    /// <summary>Queues one run and sees that a drainer will take it.</summary>
    public void Enqueue(JobRun run)
    {
        lock (_lock)
        {
            _runs.Enqueue(run);
        }

        QueueDrainer();
    }

    /// <summary>
    /// Takes out of <paramref name="runs"/> (leaving empty entries) the runs for the pool, and queues them in order under
    /// one hold of the lock; runs for a dedicated thread stay. No drainer can start one before all are looked at, since
    /// it needs the lock: a run handed on may end and be reused at once, so it must not be read after.
    /// </summary>
    public void TakePoolRuns(Span<JobRun?> runs)
    {
        bool any = false;
        lock (_lock)
        {
            for (int i = 0; i < runs.Length; i++)
            {
                if (runs[i] is { } run && run.Job.Executor != JobExecutor.DedicatedThread)
                {
                    _runs.Enqueue(run);
                    runs[i] = null;
                    any = true;
                }
            }
        }

        if (any)
        {
            QueueDrainer();
        }
    }

    /// <summary>A drainer, on a pool thread.</summary>
    public void Execute()
    {
        // Started: the role of the queued drainer is free again, so the next run that waits queues another.
        Volatile.Write(ref _drainerQueued, 0);
        var context = ExecutionContext.Capture();
        var clock = new RunClock(_time);
        for (int made = 0; made < Budget; made++)
        {
            JobRun? run;
            bool more;
            lock (_lock)
            {
                if (!_runs.TryDequeue(out run))
                {
                    // Nothing waits. A run queued after this look finds no drainer queued, and queues one.
                    return;
                }

                more = _runs.Count > 0;
            }

            if (more)
            {
                QueueDrainer();
            }

            var job = run.Job;
            if (_quick > 0 && job.Place == RunPlace.Undecided)
            {
                // Timed until it is known to be quick; only the synchronous part counts: that is what would hold the firing thread.
                long start = clock.ReadNextStart();
                run.Execute(ref clock);
                if (clock.ThreadStamp - start <= _quick)
                {
                    job.RanQuickly();
                }
            }
            else
            {
                run.Execute(ref clock);
            }

            // The pool clears a thread's contexts between work items; this one makes many runs.
            InlineRuns.Clean(context);
        }

        // Budget spent: back to the pool. What is left has a drainer queued already: the last take that left runs
        // behind queued one, and a run queued since queued one itself.
    }

    private void QueueDrainer()
    {
        if (Volatile.Read(ref _drainerQueued) == 0 && Interlocked.Exchange(ref _drainerQueued, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }
}
