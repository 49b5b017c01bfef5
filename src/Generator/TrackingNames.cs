namespace GenScheduler.Generator;

/// <summary>
/// The names of the generator's pipeline steps, for tests that check every step is cached after an unrelated edit
/// (<c>GeneratorDriverOptions.TrackIncrementalGeneratorSteps</c>).
/// </summary>
public static class TrackingNames
{
    /// <summary>Methods with <c>[Interval]</c>, each extracted into a job (or nothing).</summary>
    public const string IntervalJobs = nameof(IntervalJobs);

    /// <summary>Methods with <c>[Cron]</c>, each extracted into a job (or nothing).</summary>
    public const string CronJobs = nameof(CronJobs);

    /// <summary>Methods with <c>[At]</c>, each extracted into a job (or nothing).</summary>
    public const string AtJobs = nameof(AtJobs);

    /// <summary>Methods with <c>[Job]</c>, each extracted into a target (or, beside a schedule attribute, its job; or nothing).</summary>
    public const string JobTargets = nameof(JobTargets);

    /// <summary>All <c>[Interval]</c> jobs of the compilation.</summary>
    public const string CollectedIntervalJobs = nameof(CollectedIntervalJobs);

    /// <summary>All <c>[Cron]</c> jobs of the compilation.</summary>
    public const string CollectedCronJobs = nameof(CollectedCronJobs);

    /// <summary>All <c>[At]</c> jobs of the compilation.</summary>
    public const string CollectedAtJobs = nameof(CollectedAtJobs);

    /// <summary>All <c>[Job]</c> targets of the compilation.</summary>
    public const string CollectedJobTargets = nameof(CollectedJobTargets);

    /// <summary>The four lists together.</summary>
    public const string AllJobs = nameof(AllJobs);

    /// <summary>The merged, sorted, de-duplicated job table.</summary>
    public const string JobTable = nameof(JobTable);

    /// <summary>The compilation's assembly name.</summary>
    public const string AssemblyName = nameof(AssemblyName);

    /// <summary>Where the table goes, from the project's MSBuild properties.</summary>
    public const string Settings = nameof(Settings);

    /// <summary>What the compilation's references mean for the table: the tables they export, the names they take.</summary>
    public const string ReferencedTables = nameof(ReferencedTables);

    /// <summary>Whether the compilation references the GenScheduler runtime, and whether that runtime can mark exported tables.</summary>
    public const string RuntimeReferenced = nameof(RuntimeReferenced);

    /// <summary>Whether the compilation references GenScheduler.Hosting, and whether to write its parameterless <c>AddGenScheduler()</c>.</summary>
    public const string Hosting = nameof(Hosting);

    /// <summary>The job table, paired with whether to emit it.</summary>
    public const string Output = nameof(Output);

    /// <summary>Every tracking name, for tests.</summary>
    public static string[] All { get; } =
    {
        IntervalJobs, CronJobs, AtJobs, JobTargets, CollectedIntervalJobs, CollectedCronJobs, CollectedAtJobs, CollectedJobTargets, AllJobs,
        JobTable, AssemblyName, Settings, ReferencedTables, RuntimeReferenced, Hosting, Output,
    };
}
