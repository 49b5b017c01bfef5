using System;
using Microsoft.Extensions.Logging;

namespace GenScheduler;

/// <summary>Logs and events. Nothing here allocates unless the log level is on or somebody listens.</summary>
public sealed partial class Scheduler
{
    internal void ReportRunning(ScheduledJob job, DateTimeOffset scheduledTime)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            SchedulerLog.JobRunning(_logger, Describe(job), ApschedulerFormat.Instant(scheduledTime, TimeZoneOf(job)));
        }
    }

    internal void ReportCompleted(ScheduledJob job, DateTimeOffset scheduledTime, TimeSpan duration, Exception? error)
    {
        if (error is null)
        {
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                SchedulerLog.JobExecuted(_logger, Describe(job));
            }

            Raise(SchedulerEventKind.JobExecuted, job, scheduledTime, duration);
            return;
        }

        if (_logger.IsEnabled(LogLevel.Error))
        {
            SchedulerLog.JobFailed(_logger, Describe(job), error);
        }

        Raise(SchedulerEventKind.JobError, job, scheduledTime, duration, exception: error);
    }

    internal void ReportCancelled(ScheduledJob job, DateTimeOffset scheduledTime, TimeSpan duration)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            SchedulerLog.JobCancelled(_logger, Describe(job), ApschedulerFormat.Duration(duration));
        }

        Raise(SchedulerEventKind.JobCancelled, job, scheduledTime, duration);
    }

    internal void ReportMissed(ScheduledJob job, DateTimeOffset scheduledTime, TimeSpan lateness)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            SchedulerLog.RunMissed(_logger, Describe(job), ApschedulerFormat.Duration(lateness));
        }

        Raise(SchedulerEventKind.JobMissed, job, scheduledTime, lateness: lateness);
    }

    internal void ReportTimedOut(ScheduledJob job, DateTimeOffset scheduledTime, TimeSpan timeout)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            SchedulerLog.TimedOut(_logger, Describe(job), ApschedulerFormat.Duration(timeout));
        }

        Raise(SchedulerEventKind.JobTimedOut, job, scheduledTime, timeout);
    }

    /// <summary>A job left the scheduler: removed by the user, or done with its schedule.</summary>
    private void ReportRemoved(ScheduledJob job)
    {
        SchedulerLog.JobRemoved(_logger, job.Id);
        Raise(SchedulerEventKind.JobRemoved, job);
    }

    private void ReportMaxInstancesReached(ScheduledJob job, DateTimeOffset scheduledTime)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            SchedulerLog.MaxInstancesReached(_logger, Describe(job), job.Definition.Options.MaxInstances);
        }

        Raise(SchedulerEventKind.JobMaxInstancesReached, job, scheduledTime);
    }

    private void Raise(
        SchedulerEventKind kind,
        ScheduledJob? job,
        DateTimeOffset? scheduledTime = null,
        TimeSpan? duration = null,
        TimeSpan? lateness = null,
        Exception? exception = null)
    {
        if (EventRaised is not { } handlers)
        {
            return;
        }

        var args = new SchedulerEventArgs(kind, _time.GetUtcNow(), job?.Id)
        {
            ScheduledTime = scheduledTime,
            Duration = duration,
            Lateness = lateness,
            Exception = exception,
        };

        // Each listener on its own, so one that throws neither disturbs the scheduler nor hides the event from the rest.
        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<SchedulerEventArgs>)handler)(this, args);
            }
#pragma warning disable CA1031 // A listener's failure is logged; it must never reach the scheduler.
            catch (Exception e)
#pragma warning restore CA1031
            {
                SchedulerLog.ListenerFailed(_logger, kind, e);
            }
        }
    }

    /// <summary>A job as APScheduler prints it: <c>Jobs.Tick (trigger: interval[0:00:03], next run at: 2026-11-27 14:06:39 UTC)</c>.</summary>
    private string Describe(ScheduledJob job)
    {
        string state;
        lock (_gate)
        {
            state = job.Paused ? "paused"
                : IsScheduled(job) ? "next run at: " + ApschedulerFormat.Instant(new DateTimeOffset(_heap.DueOf(job.Slot), TimeSpan.Zero), TimeZoneOf(job))
                : _state == SchedulerState.NotStarted ? "pending"
                : "no next run";
        }

        return $"{job.Id} (trigger: {job.Definition.Trigger}, {state})";
    }

    /// <summary>Whether the job is in the heap. A removed job's slot may already belong to another job, so the slot alone does not say.</summary>
    private bool IsScheduled(ScheduledJob job) =>
        job.Slot < _jobs.Count && ReferenceEquals(_jobs[job.Slot], job) && _heap.Contains(job.Slot);

    private static TimeZoneInfo TimeZoneOf(ScheduledJob job) =>
        job.Definition.Trigger is CronTrigger cron ? cron.TimeZone : TimeZoneInfo.Utc;
}
