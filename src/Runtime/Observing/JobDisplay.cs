using System;

namespace GenScheduler;

/// <summary>How a job is printed in logs and listings, in APScheduler's style.</summary>
internal static class JobDisplay
{
    /// <summary>
    /// <c>Jobs.Tick (trigger: interval[0:00:03], next run at: 2026-11-27 14:06:39 UTC)</c>, or <c>paused</c>,
    /// <c>pending</c> (before the scheduler starts) or <c>no next run</c> in place of the next run.
    /// </summary>
    /// <remarks>
    /// Reads the job's next time on its schedule without the scheduler's lock (the heap's due time, jitter included, needs
    /// the lock): a log line may show it a moment old, and without its jitter.
    /// </remarks>
    public static string Describe(ScheduledJob job, bool started)
    {
        long due = job.GridTicks;
        DateTimeOffset? next = due != ScheduledJob.None && job.Registered ? new DateTimeOffset(due, TimeSpan.Zero) : null;
        return Text(job.Id, job.Trigger, job.Paused, next, started);
    }

    /// <summary>The same from the parts, for a <see cref="JobInfo"/>.</summary>
    public static string Text(string id, JobTrigger trigger, bool paused, DateTimeOffset? next, bool started)
    {
        string state = paused ? "paused"
            : next is { } n ? "next run at: " + ApschedulerFormat.Instant(n, ZoneOf(trigger))
            : !started ? "pending"
            : "no next run";
        return $"{id} (trigger: {TriggerText(trigger)}, {state})";
    }

    /// <summary><c>Jobs.Tick (trigger: interval[0:00:03])</c>, as <see cref="JobDefinition.ToString"/> says it, but safe for any trigger.</summary>
    public static string Brief(ScheduledJob job) => $"{job.Id} (trigger: {TriggerText(job.Trigger)})";

    /// <summary>The zone next run times are shown in: a cron trigger's own, otherwise UTC.</summary>
    public static TimeZoneInfo ZoneOf(ScheduledJob job) => ZoneOf(job.Trigger);

    private static TimeZoneInfo ZoneOf(JobTrigger trigger) => trigger is CronTrigger cron ? cron.TimeZone : TimeZoneInfo.Utc;

    /// <summary>The trigger's text; a custom trigger whose <c>ToString</c> throws is shown by its type name.</summary>
    public static string TriggerText(JobTrigger trigger)
    {
        try
        {
            return trigger.ToString();
        }
#pragma warning disable CA1031 // Describing a broken custom trigger must not throw in turn.
        catch (Exception)
#pragma warning restore CA1031
        {
            return trigger.GetType().Name;
        }
    }
}
