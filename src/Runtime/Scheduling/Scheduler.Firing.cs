using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler;

/// <summary>The hot path: waking for due jobs, moving them on, and handing their runs to the thread pool.</summary>
public sealed partial class Scheduler
{
    // Timers take at most 0xFFFFFFFE ms; a later due time is reached by waking early and waiting again.
    private static readonly long MaxWaitTicks = 0xFFFFFFFEL * TimeSpan.TicksPerMillisecond;

    private readonly Stack<JobRun> _idleRuns = new();
    private readonly Queue<JobRun> _waiting = new();
    private TaskCompletionSource? _idle;
    private int _inFlight; // runs submitted and not finished; guarded by the lock
    private int _executing;

    /// <summary>Completes when no run is queued or executing. For tests: runs go to the thread pool, so this is how a test knows they ended.</summary>
    internal Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (_inFlight == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_state == SchedulerState.Running)
            {
                ProcessDue(_time.GetUtcNow());
            }
        }
    }

    /// <summary>Fires every job due by <paramref name="now"/>, then waits for the next. Called under the lock.</summary>
    private void ProcessDue(DateTimeOffset now)
    {
        while (_heap.TryPeek(out long dueTicks, out int slot) && dueTicks <= now.UtcTicks)
        {
            FireDue(_jobs[slot]!, new DateTimeOffset(dueTicks, TimeSpan.Zero), now);
        }

        Arm(now.UtcTicks);
    }

    /// <summary>Moves a due job to its next fire time and submits the run that is due.</summary>
    private void FireDue(ScheduledJob job, DateTimeOffset due, DateTimeOffset now)
    {
        var trigger = job.Trigger;
        var grid = job.Grid ?? due;
        var runAt = due;
        var next = job.NextAfter(grid);
        if (next <= now)
        {
            // A backlog (the process slept, the clock jumped, the job was held up): found arithmetically, never run by run.
            if (job.Coalesce)
            {
                runAt = trigger.GetLatestFireTime(grid, now, job.Origin);
                next = job.NextAfter(runAt);
            }
            else if ((now - due).Ticks > job.Grace)
            {
                // Every run older than the grace time is missed: report the stretch once, resume at the first run still in grace.
                var lastStale = trigger.GetLatestFireTime(grid, now.AddTicks(-job.Grace - 1), job.Origin);
                SetNext(job, job.NextAfter(lastStale), now);
                ReportMissed(job, due, now - due);
                RemoveIfDone(job);
                return;
            }
        }

        SetNext(job, next, now);
        Submit(job, runAt, now);
        RemoveIfDone(job);
    }

    /// <summary>Lays a job's first fire time from <paramref name="now"/>, and runs it at once if it asks to run on start.</summary>
    private void PutOnSchedule(ScheduledJob job, DateTimeOffset now)
    {
        job.Origin = now;
        SetNext(job, job.Definition.Trigger.GetFirstFireTime(now, now), now);
        if (job.Definition.Options.RunOnStart && _state == SchedulerState.Running)
        {
            Submit(job, now, now);
        }

        RemoveIfDone(job);
    }

    private void SetNext(ScheduledJob job, DateTimeOffset? next, DateTimeOffset now)
    {
        job.Grid = next;
        if (next is not { } n)
        {
            _heap.Remove(job.Slot);
            return;
        }

        long due = n.UtcTicks;
        long jitter = job.JitterTicks;
        if (jitter > 0)
        {
            // A fresh offset for every run, drawn around the trigger's own time, so offsets never add up. Never before
            // now, or a run scheduled just now could count as already late.
            due = Math.Max(due + (long)(((_random.NextDouble() * 2) - 1) * jitter), now.UtcTicks);
        }

        _heap.Set(job.Slot, due);
    }

    private void RemoveIfDone(ScheduledJob job)
    {
        if (job.Grid is null && !job.Paused && _byId.TryGetValue(job.Id, out var held) && held == job)
        {
            Unregister(job);
            ReportRemoved(job);
        }
    }

    private void Submit(ScheduledJob job, DateTimeOffset runAt, DateTimeOffset now)
    {
        if ((now - runAt).Ticks > job.Grace)
        {
            ReportMissed(job, runAt, now - runAt);
            return;
        }

        if (job.Running >= job.MaxInstances)
        {
            ReportMaxInstancesReached(job, runAt);
            return;
        }

        job.RunStarted();
        _inFlight++;
        if (!_idleRuns.TryPop(out var run))
        {
            run = new JobRun(this);
        }

        run.Prepare(job, runAt);
        Raise(SchedulerEventKind.JobSubmitted, job, runAt);
        if (_executing >= _maxConcurrency)
        {
            _waiting.Enqueue(run);
            return;
        }

        _executing++;
        ThreadPool.UnsafeQueueUserWorkItem(run, preferLocal: false);
    }

    private void Arm(long nowTicks)
    {
        if (_state != SchedulerState.Running || !_heap.TryPeek(out long dueTicks, out _))
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        // System timers count whole milliseconds and may wake a fraction early; the loop then finds nothing due and
        // waits again. A floor of 1 ms keeps that second wait from spinning.
        long wait = Math.Clamp(dueTicks - nowTicks, 0, MaxWaitTicks);
        if (wait is > 0 and < TimeSpan.TicksPerMillisecond)
        {
            wait = TimeSpan.TicksPerMillisecond;
        }

        _timer!.Change(TimeSpan.FromTicks(wait), Timeout.InfiniteTimeSpan);
    }

    internal void RunFinished(ScheduledJob job, JobRun run)
    {
        job.RunEnded();
        bool drained = false;
        lock (_gate)
        {
            _idleRuns.Push(run);
            _executing--;
            if (_waiting.TryDequeue(out var next))
            {
                _executing++;
                ThreadPool.UnsafeQueueUserWorkItem(next, preferLocal: false);
            }

            // Counted down under the lock, so that whoever looks at the count under the lock (shutdown, WhenIdleAsync)
            // either sees this run still in flight and is told when it ends, or sees it gone.
            if (--_inFlight == 0)
            {
                drained = _state is not (SchedulerState.Running or SchedulerState.Paused);
                if (_idle is { } idle)
                {
                    _idle = null;
                    idle.TrySetResult();
                }
            }
        }

        if (drained)
        {
            _drained.TrySetResult();
        }
    }
}
