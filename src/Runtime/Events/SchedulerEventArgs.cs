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

    /// <summary>What the job threw, for <see cref="SchedulerEventKind.JobError"/>.</summary>
    public Exception? Exception { get; init; }

    /// <inheritdoc />
    public override string ToString() => JobId is null ? $"{Kind} at {Timestamp:O}" : $"{Kind} {JobId} at {Timestamp:O}";
}
