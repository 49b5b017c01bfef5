using System;

namespace GenScheduler;

/// <summary>
/// One fire a scheduler asks its <see cref="IJobStore"/> to referee: the job was due at <see cref="Due"/> and moves to
/// <see cref="Next"/>, making <see cref="RunCount"/> runs from <see cref="FirstRun"/> (none when every due run was missed).
/// </summary>
/// <remarks>Reused by the scheduler from fire to fire; a store reads it and sets <see cref="Outcome"/> and <see cref="Current"/> during <see cref="IJobStore.Claim"/> only.</remarks>
public sealed class FireClaim
{
    /// <summary>The job's id.</summary>
    public string JobId { get; private set; } = "";

    /// <summary>The next run time the scheduler found stored (or had stored) for the job: the compare of the compare-and-swap.</summary>
    public DateTimeOffset Due { get; private set; }

    /// <summary>The job's next run time after this fire; <see langword="null"/> when its schedule is done.</summary>
    public DateTimeOffset? Next { get; private set; }

    /// <summary>The scheduled time of the first run this fire makes, which keys the run record; <see langword="null"/> when it makes none.</summary>
    public DateTimeOffset? FirstRun { get; private set; }

    /// <summary>How many runs, one after another, from <see cref="FirstRun"/> (a backlog caught up); 0 when none.</summary>
    public int RunCount { get; private set; }

    /// <summary>What happens to the run if its node dies before it ends.</summary>
    public RunDelivery Delivery { get; private set; }

    /// <summary>Set by the store: whether this node won the fire.</summary>
    public ClaimOutcome Outcome { get; set; }

    /// <summary>Set by the store when the claim is lost: the job as stored now, or <see langword="null"/> when it is gone.</summary>
    public StoredJob? Current { get; set; }

    internal void Reset(string jobId, DateTimeOffset due, DateTimeOffset? next, RunDelivery delivery)
    {
        JobId = jobId;
        Due = due;
        Next = next;
        Delivery = delivery;
        FirstRun = null;
        RunCount = 0;
        Outcome = ClaimOutcome.Pending;
        Current = null;
    }

    internal void SetRun(DateTimeOffset first, int count)
    {
        FirstRun = first;
        RunCount = count;
    }
}

/// <summary>How a <see cref="FireClaim"/> was decided.</summary>
public enum ClaimOutcome
{
    /// <summary>Not decided yet.</summary>
    Pending,

    /// <summary>This node fired the job: its runs go ahead.</summary>
    Won,

    /// <summary>Another node fired it first, or the job changed or went: this node makes no run and adopts the stored state.</summary>
    Lost,
}
