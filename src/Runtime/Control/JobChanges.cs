using System;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// Changing a job that stays registered: run it now, give it a new trigger, new options or a new next run time. Each
/// change is validated first and then made whole under the lock; what it reports and submits happens after.
/// </summary>
internal sealed class JobChanges : ControlCalls
{
    public JobChanges(ControlParts parts)
        : base(parts)
    {
    }

    public void RunNow(string id)
    {
        var outbox = new Outbox(Observer);
        lock (_gate)
        {
            _lifecycle.EnsureStarted($"run \"{id}\" now");
            var now = _executor.Time.GetUtcNow();
            _planner.Submit(_registry.Find(id), now, 1, now, outbox);
        }

        outbox.Flush(_executor);
    }

    public void Reschedule(string id, JobTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var outbox = new Outbox(Observer);
        ScheduledJob job;
        lock (_gate)
        {
            _lifecycle.EnsureNotShutDown("reschedule a job");
            job = _registry.Find(id);
            var now = _executor.Time.GetUtcNow();
            EnsureRuns(id, trigger, now);
            job.Definition = job.Definition.With(trigger, job.Definition.Options);
            MarkChanged(job);

            // The new trigger starts from the reschedule, not from the old start; a paused job keeps that origin too.
            if (_lifecycle.IsStarted)
            {
                job.Origin = now;
                if (!job.Paused)
                {
                    _planner.Reschedule(job, now, outbox);
                    _loop.Wake();
                }
            }
        }

        WriteMarked(job);
        Observer.JobModified(job);
        outbox.Flush(_executor);
    }

    /// <summary>Replaces every option of the job with <paramref name="options"/>.</summary>
    public void Modify(string id, JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ScheduledJob job;
        lock (_gate)
        {
            _lifecycle.EnsureNotShutDown("modify a job");
            job = _registry.Find(id);
            job.Definition = job.Definition.With(job.Definition.Trigger, options);
            MarkChanged(job);
        }

        WriteMarked(job);
        Observer.JobModified(job);
    }

    /// <summary>
    /// Changes only what <paramref name="change"/> changes of the job's current options. The delegate is called outside
    /// the lock (it is the caller's code); when another change came in between, it is called again on the newer options,
    /// so two such changes never undo each other.
    /// </summary>
    public void Modify(string id, Func<JobOptions, JobOptions> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ScheduledJob job;
        while (true)
        {
            JobOptions current;
            lock (_gate)
            {
                _lifecycle.EnsureNotShutDown("modify a job");
                current = _registry.Find(id).Definition.Options;
            }

            var changed = change(current) ?? throw new ArgumentException(
                $"Job \"{id}\": the change of its options returned null; return the options to keep, such as `o => o with {{ MaxInstances = 2 }}`.",
                nameof(change));
            lock (_gate)
            {
                _lifecycle.EnsureNotShutDown("modify a job");
                job = _registry.Find(id);
                if (!ReferenceEquals(job.Definition.Options, current))
                {
                    continue;
                }

                job.Definition = job.Definition.With(job.Definition.Trigger, changed);
                MarkChanged(job);
                break;
            }
        }

        WriteMarked(job);
        Observer.JobModified(job);
    }

    /// <summary>
    /// Moves the job's pending run to <paramref name="next"/>; the runs after it follow the trigger from there. A
    /// paused job is resumed. An instant already past is due at once and goes through the misfire rules like any late run.
    /// </summary>
    public void SetNextRunTime(string id, DateTimeOffset next)
    {
        ScheduledJob job;
        bool resumed;
        lock (_gate)
        {
            _lifecycle.EnsureStarted($"set the next run time of \"{id}\"");
            job = _registry.Find(id);
            resumed = job.Paused;
            job.Paused = false;

            _planner.MoveTo(job, next.ToUniversalTime());
            MarkChanged(job);
            _loop.Wake();
        }

        WriteMarked(job);
        if (resumed)
        {
            Observer.JobResumed(job);
        }

        Observer.JobModified(job);
    }
}
