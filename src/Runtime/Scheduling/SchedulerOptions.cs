using System;
using Microsoft.Extensions.Logging;

namespace GenScheduler;

/// <summary>How a <see cref="Scheduler"/> keeps time and reports what it does.</summary>
public sealed class SchedulerOptions
{
    /// <summary>The clock. <see cref="TimeProvider.System"/> by default; a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the scheduler logs missed runs, skipped runs and job failures. Nothing is logged when <see langword="null"/>.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// The most runs executing at once across all jobs, like APScheduler's <c>ThreadPoolExecutor(max_workers)</c>.
    /// A run over the limit waits in line (it is not dropped) and is judged against its grace time when it starts.
    /// <see langword="null"/> (the default) for no limit beyond each job's <see cref="JobOptions.MaxInstances"/>.
    /// </summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>The random source for jitter. <see cref="System.Random.Shared"/> by default; a seeded one makes jitter repeatable in tests.</summary>
    public Random? Random { get; init; }
}
