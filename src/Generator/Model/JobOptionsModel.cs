namespace GenScheduler.Generator.Model;

/// <summary>The job options read from the attributes; the defaults match <c>GenScheduler.JobOptions</c>.</summary>
/// <param name="MisfireGraceSeconds">Seconds of grace; positive infinity for no limit.</param>
/// <param name="Coalesce">Whether a backlog folds into one run.</param>
/// <param name="MaxInstances">How many runs may be in flight at once.</param>
/// <param name="JitterSeconds">The most a run moves either way, in seconds; 0 for none.</param>
/// <param name="TimeoutSeconds">How long a run may take, in seconds; 0 for no limit.</param>
/// <param name="RunOnStart">Whether the job also runs once when the scheduler starts.</param>
internal sealed record JobOptionsModel(
    double MisfireGraceSeconds, bool Coalesce, int MaxInstances, double JitterSeconds = 0, double TimeoutSeconds = 0, bool RunOnStart = false)
{
    /// <summary>The options of a job whose attributes set none.</summary>
    public static JobOptionsModel Default { get; } = new(1, true, 1);

    /// <summary>Whether every option has its default value.</summary>
    public bool IsDefault => Equals(Default);
}
