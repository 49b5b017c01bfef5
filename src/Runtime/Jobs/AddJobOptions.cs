namespace GenScheduler;

/// <summary>
/// How <see cref="Scheduler.AddJob(JobDefinition, AddJobOptions)"/> adds a job: APScheduler's <c>add_job</c> with
/// <c>next_run_time=None</c> (paused) and <c>replace_existing=True</c>.
/// </summary>
public sealed record AddJobOptions
{
    /// <summary>
    /// Adds the job paused, in the same step: it never fires before <see cref="Scheduler.ResumeJob"/> (or
    /// <see cref="Scheduler.SetNextRunTime"/>), whereas <c>AddJob</c> then <c>PauseJob</c> on a running scheduler may
    /// fire in between. <see cref="JobOptions.RunOnStart"/> is not run for a job added paused.
    /// </summary>
    public bool Paused { get; init; }

    /// <summary>
    /// Replaces a job that has the same id instead of throwing <see cref="ConflictingJobIdException"/>. The job keeps
    /// its place and its runs in progress (they still count towards <see cref="JobOptions.MaxInstances"/> and finish as
    /// they began); it takes the new trigger, body and options, and its schedule starts afresh from now, as after
    /// <see cref="Scheduler.RescheduleJob"/>. It is paused afterwards exactly when <see cref="Paused"/> says so.
    /// Raised as <see cref="SchedulerEventKind.JobModified"/>, not <see cref="SchedulerEventKind.JobAdded"/>.
    /// </summary>
    public bool ReplaceExisting { get; init; }
}
