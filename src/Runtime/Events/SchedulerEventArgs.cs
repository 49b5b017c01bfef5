using System;

namespace GenScheduler;

/// <summary>
/// One thing that happened in a scheduler. Made only when someone listens to <see cref="Scheduler.EventRaised"/>,
/// so an unobserved scheduler pays nothing for events.
/// </summary>
public sealed class SchedulerEventArgs : EventArgs
{
    internal SchedulerEventArgs(SchedulerEventKind kind, DateTimeOffset timestamp, string? jobId = null)
    {
        Kind = kind;
        Timestamp = timestamp;
        JobId = jobId;
    }

    /// <summary>What happened.</summary>
    public SchedulerEventKind Kind { get; }

    /// <summary>When it happened (UTC, by the scheduler's clock).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The job it concerns; <see langword="null"/> for scheduler events.</summary>
    public string? JobId { get; }

    /// <summary>The run's scheduled time, for run events.</summary>
    public DateTimeOffset? ScheduledTime { get; init; }

    /// <summary>How long the run took, for <see cref="SchedulerEventKind.JobExecuted"/> and <see cref="SchedulerEventKind.JobError"/>.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>How late the run was, for <see cref="SchedulerEventKind.JobMissed"/>.</summary>
    public TimeSpan? Lateness { get; init; }

    /// <summary>
    /// What the job threw, for <see cref="SchedulerEventKind.JobError"/>; what its trigger threw, for a
    /// <see cref="SchedulerEventKind.JobPaused"/> raised because the scheduler paused a job whose trigger failed.
    /// </summary>
    public Exception? Exception { get; init; }

    /// <summary>
    /// For <see cref="SchedulerEventKind.JobMissed"/>: how many runs the report stands for, from <see cref="ScheduledTime"/>
    /// on; more than one when a backlog was missed as one stretch, <see cref="int.MaxValue"/> when too many to count.
    /// </summary>
    public int? MissedRuns { get; init; }

    /// <inheritdoc />
    public override string ToString() => JobId is null ? $"{Kind} at {Timestamp:O}" : $"{Kind} {JobId} at {Timestamp:O}";
}
