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
/// <param name="Start">The <c>Start</c> named argument, or <see langword="null"/>.</param>
/// <param name="End">The <c>End</c> named argument, or <see langword="null"/>; never before <paramref name="Start"/>.</param>
internal sealed record IntervalTriggerModel(
    int Days, int Hours, int Minutes, int Seconds, int Milliseconds, long Ticks, InstantModel? Start = null, InstantModel? End = null) : TriggerModel;

/// <summary>A <c>[Cron]</c> attribute.</summary>
/// <param name="Expression">The expression, trimmed; it parses with Cronos in the format <see cref="IncludeSeconds"/> says.</param>
/// <param name="IncludeSeconds">Whether the expression has a seconds field (six fields, or <c>@every_second</c>).</param>
/// <param name="TimeZone">The <c>TimeZone</c> named argument, or <see langword="null"/> for UTC.</param>
/// <param name="Start">The <c>Start</c> named argument, or <see langword="null"/>.</param>
/// <param name="End">The <c>End</c> named argument, or <see langword="null"/>; never before <paramref name="Start"/>.</param>
internal sealed record CronTriggerModel(
    string Expression, bool IncludeSeconds, string? TimeZone, InstantModel? Start = null, InstantModel? End = null) : TriggerModel;

/// <summary>An <c>[At]</c> attribute: one run at an instant.</summary>
/// <param name="Instant">The instant.</param>
internal sealed record DateTriggerModel(InstantModel Instant) : TriggerModel;
