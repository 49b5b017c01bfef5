using System;

namespace GenScheduler;

/// <summary>How a run ended, as a store records it.</summary>
public enum RunOutcome
{
    /// <summary>The job returned.</summary>
    Succeeded,

    /// <summary>The job threw.</summary>
    Failed,

    /// <summary>The job stopped because its timeout or a shutdown cancelled it.</summary>
    Cancelled,

    /// <summary>The run was not made: it started later than its grace time allowed.</summary>
    Missed,

    /// <summary>The run's node died before it ended, and the job runs at most once: nobody ran it again.</summary>
    Abandoned,
}

/// <summary>What happens to a run whose node dies (is killed, loses power) before the run ends. Set per job with <see cref="JobOptions.Delivery"/>.</summary>
public enum RunDelivery
{
    /// <summary>The run is marked abandoned and reported by another node; it is never made twice. The default.</summary>
    AtMostOnce,

    /// <summary>Another node runs it again with <see cref="JobContext.Attempt"/> raised by one; only the latest attempt may record that it ended.</summary>
    AtLeastOnce,
}

/// <summary>A run that ended, for <see cref="IJobStore.Complete"/>.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="FirstRun">The <see cref="FireClaim.FirstRun"/> of the fire that made it: the run record's key with the job id.</param>
/// <param name="Attempt">The attempt that ended; 1 unless the run was taken over.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="LastRunTime">The scheduled time of the last run made (of a backlog, the latest).</param>
/// <param name="EndedAt">When it ended.</param>
public readonly record struct RunCompletion(string JobId, DateTimeOffset FirstRun, int Attempt, RunOutcome Outcome, DateTimeOffset LastRunTime, DateTimeOffset EndedAt);

/// <summary>A run of a dead node, settled by <see cref="IJobStore.SettleOrphans"/>.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="FirstRun">The run's first scheduled time.</param>
/// <param name="RunCount">How many runs the fire made.</param>
/// <param name="Attempt">The attempt now current: for a run taken over, the one this node makes.</param>
/// <param name="TakenOver">Whether this node now runs it (at least once); otherwise it was marked abandoned (at most once).</param>
/// <param name="DeadNode">The node that died.</param>
public readonly record struct OrphanedRun(string JobId, DateTimeOffset FirstRun, int RunCount, int Attempt, bool TakenOver, string DeadNode);
