namespace GenScheduler.Generator.Model;

/// <summary>One schedule attribute, validated.</summary>
internal abstract record TriggerModel;

/// <summary>An <c>[Interval]</c> attribute.</summary>
/// <param name="Days">Days as written.</param>
/// <param name="Hours">Hours as written.</param>
/// <param name="Minutes">Minutes as written.</param>
/// <param name="Seconds">Seconds as written.</param>
/// <param name="Milliseconds">Milliseconds as written.</param>
/// <param name="Ticks">The whole interval in ticks; positive.</param>
internal sealed record IntervalTriggerModel(int Days, int Hours, int Minutes, int Seconds, int Milliseconds, long Ticks) : TriggerModel;

/// <summary>A <c>[Cron]</c> attribute.</summary>
/// <param name="Expression">The expression, trimmed; it parses with Cronos in the format <see cref="IncludeSeconds"/> says.</param>
/// <param name="IncludeSeconds">Whether the expression has a seconds field (six fields, or <c>@every_second</c>).</param>
/// <param name="TimeZone">The <c>TimeZone</c> named argument, or <see langword="null"/> for UTC.</param>
internal sealed record CronTriggerModel(string Expression, bool IncludeSeconds, string? TimeZone) : TriggerModel;

/// <summary>The job options read from the attributes; the defaults match <c>GenScheduler.JobOptions</c>.</summary>
/// <param name="MisfireGraceSeconds">Seconds of grace; positive infinity for no limit.</param>
/// <param name="Coalesce">Whether a backlog folds into one run.</param>
/// <param name="MaxInstances">How many runs may be in flight at once.</param>
internal sealed record JobOptionsModel(double MisfireGraceSeconds, bool Coalesce, int MaxInstances)
{
    /// <summary>The options of a job whose attributes set none.</summary>
    public static JobOptionsModel Default { get; } = new(1, true, 1);

    /// <summary>Whether every option has its default value.</summary>
    public bool IsDefault => Equals(Default);
}
