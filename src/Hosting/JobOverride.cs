namespace GenScheduler.Hosting;

/// <summary>
/// What the host changes about one job of the table: made by <see cref="GenSchedulerOptions.Job"/> in code, and by the
/// keys under <c>GenScheduler:Jobs:&lt;job id&gt;</c> in configuration, which override code's. The table itself is not
/// changed: the scheduler gets a new <see cref="JobDefinition"/> with the job's invoker and this trigger and options.
/// </summary>
public sealed class JobOverride
{
    internal JobOverride(string id) => Id = id;

    /// <summary>The job's id.</summary>
    public string Id { get; }

    /// <summary>A schedule in place of the table's; <see langword="null"/> keeps the table's. Not for a <c>[Job]</c> target, which has none.</summary>
    public JobTrigger? Trigger { get; set; }

    /// <summary>Options in place of the table's; <see langword="null"/> keeps the table's. Configuration's option keys change single options of these.</summary>
    public JobOptions? Options { get; set; }

    /// <summary>Whether the job is in the scheduler at all; <see langword="false"/> leaves it out (and logs that). <see langword="true"/> by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Whether the job is paused when the scheduler starts: it is on the scheduler, does not fire, and
    /// <see cref="Scheduler.ResumeJob"/> resumes it. <see langword="false"/> (the default) leaves the job as the table and the
    /// store have it; in particular it does not resume a job paused at run time and kept paused by a store.
    /// </summary>
    public bool Paused { get; set; }

    /// <summary>Where <see cref="Enabled"/> was last set to <see langword="false"/>: a configuration key, or code; for the log.</summary>
    internal string EnabledSource { get; set; } = "code";
}
