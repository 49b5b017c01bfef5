using System;

namespace GenScheduler;

/// <summary>One job's state as a <see cref="IJobStore"/> keeps it. Never code: a table job is found again by its id, a run-time job by its target's id.</summary>
public sealed record StoredJob
{
    /// <summary>The job's id.</summary>
    public required string Id { get; init; }

    /// <summary>For a job added by target, the target's id (<see cref="JobDefinition.Target"/>); <see langword="null"/> for a job of the table.</summary>
    public string? Target { get; init; }

    /// <summary>The trigger's stored form when it is not the code's: always for a job added by target, and for a table job once rescheduled.</summary>
    public string? Trigger { get; init; }

    /// <summary>The options' stored form when they are not the code's: always for a job added by target, and for a table job once modified.</summary>
    public string? Options { get; init; }

    /// <summary>For a table job, the stored form of its schedule in code (trigger and options) when the row was written; a row whose fingerprint no longer matches the code is replaced, since the code wins.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>The next run time on the trigger's schedule (before jitter); <see langword="null"/> when paused or finished.</summary>
    public DateTimeOffset? NextRunTime { get; init; }

    /// <summary>When the job was put on the schedule: an interval without a start keeps its grid from here.</summary>
    public DateTimeOffset Origin { get; init; }

    /// <summary>Whether the job is paused.</summary>
    public bool Paused { get; init; }

    /// <summary>The scheduled time of the job's last run that ended, if any.</summary>
    public DateTimeOffset? LastRunTime { get; init; }

    /// <summary>How the last run ended, if any ran.</summary>
    public RunOutcome? LastOutcome { get; init; }

    /// <summary>Raised by the store at every change to the row other than a fire (a claim) or a completion; what <see cref="IJobStore.ReadChanges"/> reads after.</summary>
    public long Version { get; init; }

    /// <summary>In <see cref="IJobStore.ReadChanges"/>: the job was deleted.</summary>
    public bool Deleted { get; init; }
}
