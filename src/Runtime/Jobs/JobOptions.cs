using System;

namespace GenScheduler;

/// <summary>How a job behaves when runs are late or overlap. The defaults match APScheduler 3.x.</summary>
public sealed record JobOptions
{
    /// <summary>The options a job has when its attribute sets none.</summary>
    public static JobOptions Default { get; } = new();

    /// <summary>
    /// How late a run may start and still run; a later run is skipped and logged as missed.
    /// <see langword="null"/> runs late runs however late they are. Defaults to 1 second.
    /// </summary>
    public TimeSpan? MisfireGraceTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether a backlog of due runs folds into a single run. Defaults to <see langword="true"/>.</summary>
    public bool Coalesce { get; init; } = true;

    /// <summary>How many runs of the job may be in flight at once. Defaults to 1.</summary>
    public int MaxInstances { get; init; } = 1;

    /// <summary>
    /// The most a run moves, either way, from its scheduled time: each run draws a fresh random offset in
    /// <c>[-Jitter, +Jitter]</c>, and the offset never carries over to the next run. Zero (the default) for none.
    /// </summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>How long a run may take before its cancellation token is cancelled and the overrun reported; <see langword="null"/> (the default) for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Whether the job also runs once as soon as the scheduler starts.</summary>
    public bool RunOnStart { get; init; }

    /// <summary>Where runs execute: the thread pool (the default) or, for jobs that block, the scheduler's dedicated threads.</summary>
    public JobExecutor Executor { get; init; }

    /// <summary>
    /// With a job store shared by several schedulers: what happens to a run whose scheduler dies during it.
    /// <see cref="RunDelivery.AtMostOnce"/> (the default) marks it abandoned; <see cref="RunDelivery.AtLeastOnce"/> has another
    /// scheduler run it again. Without a store it changes nothing.
    /// </summary>
    public RunDelivery Delivery { get; init; }

    internal void Validate(string jobId)
    {
        if (Delivery is not (RunDelivery.AtMostOnce or RunDelivery.AtLeastOnce))
        {
            throw new ArgumentOutOfRangeException(nameof(Delivery), Delivery,
                $"Job \"{jobId}\": Delivery is {(int)Delivery}, which is not a RunDelivery.");
        }

        if (MaxInstances < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInstances), MaxInstances,
                $"Job \"{jobId}\": MaxInstances is {MaxInstances}; it must be at least 1.");
        }

        if (Jitter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Jitter), Jitter,
                $"Job \"{jobId}\": Jitter is {Jitter}; it must be zero or more.");
        }

        if (Executor is not (JobExecutor.ThreadPool or JobExecutor.DedicatedThread))
        {
            throw new ArgumentOutOfRangeException(nameof(Executor), Executor,
                $"Job \"{jobId}\": Executor is {(int)Executor}, which is not a JobExecutor.");
        }

        if (Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), timeout,
                $"Job \"{jobId}\": Timeout is {timeout}; it must be positive (null for no limit).");
        }

        // Zero is refused, as APScheduler refuses it: lateness is judged again when a run starts, which is always a
        // moment after its time, so a grace of zero would miss nearly every run.
        if (MisfireGraceTime is { } grace && grace <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MisfireGraceTime), grace,
                $"Job \"{jobId}\": MisfireGraceTime is {grace}; it must be positive (null for no limit): a run starts a moment after its time, so a grace of zero would miss it.");
        }
    }
}
