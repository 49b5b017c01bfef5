using System;
using System.Runtime.CompilerServices;

namespace GenScheduler;

/// <summary>
/// The scheduling rules: when a job is put on the schedule, and what a due job does — run, coalesce its backlog, catch
/// it up one run after another, or report it missed — and its next fire time. Called under the scheduler's lock; all
/// it does beyond the registry goes into an <see cref="Outbox"/> for after the lock.
/// </summary>
/// <remarks>A trigger that throws or does not move forward stops its own job (paused and reported), never another.</remarks>
internal sealed class RunPlanner
{
    private static readonly long MaxTicks = DateTimeOffset.MaxValue.UtcTicks;

    private readonly JobRegistry _registry;
    private readonly RunExecutor _executor;
    private readonly Random _random;
    private readonly int _maxCatchUpRuns;

    public RunPlanner(JobRegistry registry, RunExecutor executor, Random random, int maxCatchUpRuns)
    {
        _registry = registry;
        _executor = executor;
        _random = random;
        _maxCatchUpRuns = maxCatchUpRuns;
    }

    /// <summary>
    /// Lays a job's first fire time from <paramref name="now"/>. With <paramref name="runNow"/> (run on start) it also
    /// runs now; when its first fire time is now anyway, that run is the one occurrence, not two.
    /// </summary>
    /// <remarks>Inlined into the start's loop over every job (<see cref="ScheduleAll"/>), so an interval job calls nothing there.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Schedule(ScheduledJob job, DateTimeOffset now, bool runNow, Outbox outbox)
    {
        if (runNow || !TryLayInterval(job, now))
        {
            ScheduleByTrigger(job, now, runNow, outbox);
        }
    }

    /// <summary><see cref="Schedule"/> by asking the trigger, for any job: what the interval's arithmetic does not cover.</summary>
    private void ScheduleByTrigger(ScheduledJob job, DateTimeOffset now, bool runNow, Outbox outbox)
    {
        job.Origin = now;
        try
        {
            var first = job.FireTimes.First(now);
            if (runNow)
            {
                Submit(job, now, 1, now, outbox);
                if (first == now)
                {
                    first = job.FireTimes.Next(now);
                }
            }
            else if (first is null)
            {
                outbox.NoRunTime(job, now);
            }

            SetNext(job, first, now.UtcTicks);
            RemoveIfDone(job, outbox);
        }
        catch (TriggerFaultException e)
        {
            Fault(job, e, outbox);
        }
    }

    /// <summary>
    /// Puts every job the store does not keep on the schedule from <paramref name="now"/>, at the start; a paused job
    /// only has its grid begin there, so a resume keeps to a grid from the start. Under the lock, the heap in bulk mode.
    /// </summary>
    /// <remarks>
    /// Optimised at its first call: this loop runs once, over up to a million jobs, in a process whose code has not been
    /// optimised yet, and it is bound by the bytes it reads. <see cref="Schedule"/> is inlined into it, so an interval job
    /// (most run-time jobs) is laid by the trigger's own arithmetic without a call, from the job's object alone; anything
    /// else (run on start, jitter, another trigger, a job replaced before the start, a trigger with no run left) asks the
    /// trigger.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ScheduleAll(DateTimeOffset now, Outbox outbox)
    {
        // By slot: a job that finishes at once (a one-shot already past) leaves its slot empty, which this tolerates.
        for (int slot = 0; slot < _registry.SlotCount; slot++)
        {
            if (_registry[slot] is not { Stored: false } job)
            {
                continue;
            }

            if (job.Paused)
            {
                job.Origin = now;
            }
            else
            {
                Schedule(job, now, job.RunOnStart, outbox);
            }
        }
    }

    /// <summary>
    /// Lays an interval job's first fire time as asking its trigger would, when it has no jitter, a run to come, and has
    /// not been scheduled since it was made (so it keeps its interval's start: see <see cref="ScheduledJob.TryGetIntervalStart"/>);
    /// <see langword="false"/> (nothing changed) otherwise. The heap takes it by an append in bulk mode (the start, a
    /// batch added to a running scheduler), by a sift otherwise.
    /// </summary>
    /// <remarks>Reads the job and its options (most jobs share one object), not its definition or trigger.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryLayInterval(ScheduledJob job, DateTimeOffset now)
    {
        if (!job.TryGetIntervalStart(out long start, out long interval, out long end) || job.JitterTicks != 0)
        {
            return false;
        }

        long first = IntervalTrigger.FirstFireTicks(start, interval, end, now.UtcTicks);
        if (first == IntervalTrigger.NoInstant)
        {
            return false;
        }

        job.Origin = now;
        job.GridTicks = first;
        _registry.Lay(job, first);
        return true;
    }

    /// <summary>Picks the job's schedule up again from <paramref name="now"/>, on its own grid (resume, reschedule).</summary>
    public void Reschedule(ScheduledJob job, DateTimeOffset now, Outbox outbox)
    {
        try
        {
            SetNext(job, job.FireTimes.First(now), now.UtcTicks);
            RemoveIfDone(job, outbox);
        }
        catch (TriggerFaultException e)
        {
            Fault(job, e, outbox);
        }
    }

    /// <summary>Fires a job the heap has due at <paramref name="dueTicks"/>, and moves it to its next fire time.</summary>
    public void Fire(ScheduledJob job, long dueTicks, DateTimeOffset now, Outbox outbox)
    {
        var grid = job.Grid!.Value;
        if (job.Stored)
        {
            // What this fire does waits for the store's verdict: another node may have made it already.
            outbox.BeginClaim(job, grid);
        }

        FireOnGrid(job, grid, dueTicks, now, outbox);
        if (job.Stored)
        {
            outbox.EndClaim(job);
        }
    }

    /// <summary>Puts a job restored from a store on its stored next run time, however long ago it was: the firing loop judges the backlog.</summary>
    public void Restore(ScheduledJob job, DateTimeOffset next, DateTimeOffset now) => SetNext(job, next, now.UtcTicks);

    private void FireOnGrid(ScheduledJob job, DateTimeOffset grid, long dueTicks, DateTimeOffset now, Outbox outbox)
    {
        try
        {
            var next = job.FireTimes.Next(grid);
            if (next is null || next > now)
            {
                SetNext(job, next, now.UtcTicks);

                // The run is for the instant it was due at, jitter included; a fire put back while the store was
                // unreachable is due later than any jitter could make it, and runs for its place on the schedule.
                long scheduled = dueTicks - grid.UtcTicks <= job.JitterTicks ? dueTicks : grid.UtcTicks;
                Submit(job, new DateTimeOffset(scheduled, TimeSpan.Zero), 1, now, outbox);
            }
            else
            {
                FireBehind(job, grid, now, outbox);
            }

            RemoveIfDone(job, outbox);
        }
        catch (TriggerFaultException e)
        {
            Fault(job, e, outbox);
        }
    }

    /// <summary>Fires a job whose next fire time after <paramref name="grid"/> is due already: it is behind its schedule.</summary>
    // Out of line: a backlog is rare, and inlined into every fire its plan's structs made the fire's frame larger,
    // which every fire zeroes on entry.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FireBehind(ScheduledJob job, DateTimeOffset grid, DateTimeOffset now, Outbox outbox)
    {
        var times = job.FireTimes;
        if (job.Coalesce)
        {
            // A backlog (the process slept, the clock jumped, the job was held up) folds into its latest run.
            var latest = times.Latest(grid, now);
            SetNext(job, times.Next(latest), now.UtcTicks);
            Submit(job, latest, 1, now, outbox);
            return;
        }

        var plan = Backlog.Plan(times, grid, now, job.Grace, _maxCatchUpRuns);
        SetNext(job, times.Next(plan.Latest), now.UtcTicks);
        if (plan.FirstMissed is { } missed)
        {
            outbox.Missed(job, missed, now - missed, plan.MissedCount, plan.LastMissed);
        }

        if (plan.FirstRun is { } firstRun)
        {
            Submit(job, firstRun, plan.RunCount, now, outbox);
        }
    }

    /// <summary>Submits <paramref name="count"/> runs from <paramref name="runAt"/>, unless the first is past its grace or the job has no instance free.</summary>
    public void Submit(ScheduledJob job, DateTimeOffset runAt, int count, DateTimeOffset now, Outbox outbox)
    {
        if ((now - runAt).Ticks > job.Grace)
        {
            outbox.Missed(job, runAt, now - runAt);
            return;
        }

        if (job.Running >= job.MaxInstances)
        {
            outbox.MaxInstancesReached(job, runAt);
            return;
        }

        outbox.Run(_executor.Prepare(job, runAt, count));
    }

    /// <summary>Sets the job's next fire time, drawing its jitter; <see langword="null"/> takes it off the heap.</summary>
    public void SetNext(ScheduledJob job, DateTimeOffset? next, long nowTicks)
    {
        if (next is not { } n)
        {
            Unschedule(job);
            return;
        }

        job.Grid = n;

        long due = n.UtcTicks;
        long jitter = job.JitterTicks;
        if (jitter > 0)
        {
            // A fresh offset for every run, drawn around the trigger's own time, so offsets never add up. Never before
            // now, or a run scheduled just now could count as already late; never past the end of time.
            double offset = Math.Clamp(((_random.NextDouble() * 2) - 1) * jitter, -MaxTicks, MaxTicks);
            due = Math.Clamp(due + (long)Math.Clamp(offset, -due, MaxTicks - due), nowTicks, MaxTicks);
        }

        _registry.Schedule(job, due);
    }

    /// <summary>Takes the job off the heap: it has no next run until it is scheduled again.</summary>
    public void Unschedule(ScheduledJob job)
    {
        job.Grid = null;
        _registry.Unschedule(job);
    }

    /// <summary>
    /// Puts the job's pending run at <paramref name="next"/> exactly (no jitter is drawn for an instant asked for); the
    /// grid moves there, as APScheduler's does, so the runs after it follow the trigger from it.
    /// </summary>
    public void MoveTo(ScheduledJob job, DateTimeOffset next)
    {
        job.Grid = next;
        _registry.Schedule(job, next.UtcTicks);
    }

    /// <summary>Moves every interval job by <paramref name="ticks"/> in slots [<paramref name="from"/>, <paramref name="to"/>): after the clock was set back.</summary>
    public void ShiftIntervals(long ticks, int from, int to)
    {
        for (int slot = from; slot < to; slot++)
        {
            if (_registry[slot] is { Grid: not null } job && job.FireTimes.IntervalTicks != 0)
            {
                long due = _registry.DueTicks(job);
                job.Shift(ticks);
                if (due != ScheduledJob.None)
                {
                    _registry.Schedule(job, Math.Clamp(due + ticks, 0, MaxTicks));
                }
            }
        }
    }

    /// <summary>A job with no next run that is not paused has finished its schedule: it leaves.</summary>
    public void RemoveIfDone(ScheduledJob job, Outbox outbox)
    {
        if (job.Grid is null && !job.Paused && job.Registered)
        {
            Remove(job, outbox);
        }
    }

    // Out of line, for the reason given at FireBehind.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Remove(ScheduledJob job, Outbox outbox)
    {
        _registry.Remove(job);
        outbox.Removed(job);
    }

    /// <summary>The job's trigger failed: the job is paused, so it neither spins nor vanishes, and the fault is reported.</summary>
    private void Fault(ScheduledJob job, TriggerFaultException fault, Outbox outbox)
    {
        job.Paused = true;
        Unschedule(job);
        outbox.TriggerFailed(job, fault);
    }
}
