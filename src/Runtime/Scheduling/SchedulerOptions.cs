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
}
