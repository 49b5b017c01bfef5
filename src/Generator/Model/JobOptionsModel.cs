namespace GenScheduler.Generator.Model;

/// <summary>
/// The job options read from the attributes, times in whole ticks as the generated code writes them
/// (<c>TimeSpan.FromTicks</c>), so what the analyzer checks is exactly what the runtime gets. The defaults match
/// <c>GenScheduler.JobOptions</c>.
/// </summary>
/// <param name="MisfireGraceTicks">The grace time; <see langword="null"/> for no limit.</param>
/// <param name="Coalesce">Whether a backlog folds into one run.</param>
/// <param name="MaxInstances">How many runs may be in flight at once.</param>
/// <param name="JitterTicks">The most a run moves either way; 0 for none.</param>
/// <param name="TimeoutTicks">How long a run may take; <see langword="null"/> for no limit, never 0.</param>
/// <param name="RunOnStart">Whether the job also runs once when the scheduler starts.</param>
/// <param name="Executor">
/// The <c>JobExecutor</c> member runs execute on (<c>DedicatedThread</c>), or <see langword="null"/> for the default
/// (<c>ThreadPool</c>, the enum's zero).
/// </param>
internal sealed record JobOptionsModel(
    long? MisfireGraceTicks, bool Coalesce, int MaxInstances, long JitterTicks = 0, long? TimeoutTicks = null, bool RunOnStart = false,
    string? Executor = null)
{
    /// <summary>The options of a job whose attributes set none: one second of grace, coalescing, one instance.</summary>
    public static JobOptionsModel Default { get; } = new(10_000_000, true, 1);

    /// <summary>Whether every option has its default value.</summary>
    public bool IsDefault => Equals(Default);
}
