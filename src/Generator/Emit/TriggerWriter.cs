using System.Collections.Generic;
using GenScheduler.Generator.Model;

namespace GenScheduler.Generator.Emit;

/// <summary>Writes trigger and option constructor calls with literal arguments.</summary>
internal static class TriggerWriter
{
    private const string TimeSpanType = "global::System.TimeSpan";

    /// <summary>The <c>new global::GenScheduler.…Trigger(…)</c> expression of one attribute.</summary>
    public static string Trigger(TriggerModel trigger) => trigger switch
    {
        IntervalTriggerModel interval => "new global::GenScheduler.IntervalTrigger(" + Interval(interval) + Window(interval.Start, interval.End) + ")",
        CronTriggerModel cron => "new global::GenScheduler.CronTrigger(" + CSharp.StringLiteral(cron.Expression)
            + ", includeSeconds: " + CSharp.BoolLiteral(cron.IncludeSeconds)
            + (cron.TimeZone is null ? string.Empty : ", timeZoneId: " + CSharp.StringLiteral(cron.TimeZone))
            + Window(cron.Start, cron.End) + ")",
        DateTriggerModel date => "new global::GenScheduler.DateTrigger(" + Instant(date.Instant) + ")",
        _ => "null!",
    };

    /// <summary>
    /// An instant as a readable literal: <c>new global::System.DateTimeOffset(2026, 12, 1, 9, 0, 0, global::System.TimeSpan.Zero)</c>,
    /// with the offset as written and <c>.AddTicks(n)</c> only for a fraction of a second.
    /// </summary>
    public static string Instant(InstantModel instant)
    {
        var clock = new System.DateTime(instant.ClockTicks);
        long fraction = instant.ClockTicks % System.TimeSpan.TicksPerSecond;
        string literal = "new global::System.DateTimeOffset(" + string.Join(", ", new[]
        {
            CSharp.IntLiteral(clock.Year), CSharp.IntLiteral(clock.Month), CSharp.IntLiteral(clock.Day),
            CSharp.IntLiteral(clock.Hour), CSharp.IntLiteral(clock.Minute), CSharp.IntLiteral(clock.Second),
            Offset(instant.OffsetMinutes),
        }) + ")";
        return fraction == 0 ? literal : literal + ".AddTicks(" + CSharp.IntLiteral(fraction) + ")";
    }

    private static string Offset(int minutes) =>
        minutes == 0 ? TimeSpanType + ".Zero"
            : minutes % 60 == 0 ? TimeSpanType + ".FromHours(" + CSharp.IntLiteral(minutes / 60) + ")"
            : TimeSpanType + ".FromMinutes(" + CSharp.IntLiteral(minutes) + ")";

    private static string Window(InstantModel? start, InstantModel? end) =>
        (start is null ? string.Empty : ", start: " + Instant(start)) + (end is null ? string.Empty : ", end: " + Instant(end));

    /// <summary>
    /// The interval as written: <c>TimeSpan.FromSeconds(3)</c> when one unit is set, otherwise the
    /// <c>TimeSpan</c> constructor: <c>new TimeSpan(0, 1, 30)</c> (hours, minutes, seconds) or the five-argument form.
    /// </summary>
    public static string Interval(IntervalTriggerModel interval)
    {
        var set = new List<(string Unit, int Value)>();
        Add("Days", interval.Days);
        Add("Hours", interval.Hours);
        Add("Minutes", interval.Minutes);
        Add("Seconds", interval.Seconds);
        Add("Milliseconds", interval.Milliseconds);
        if (set.Count == 1)
        {
            return TimeSpanType + ".From" + set[0].Unit + "(" + CSharp.IntLiteral(set[0].Value) + ")";
        }

        if (interval.Days == 0 && interval.Milliseconds == 0)
        {
            return $"new {TimeSpanType}({CSharp.IntLiteral(interval.Hours)}, {CSharp.IntLiteral(interval.Minutes)}, {CSharp.IntLiteral(interval.Seconds)})";
        }

        return $"new {TimeSpanType}({CSharp.IntLiteral(interval.Days)}, {CSharp.IntLiteral(interval.Hours)}, {CSharp.IntLiteral(interval.Minutes)}, "
            + $"{CSharp.IntLiteral(interval.Seconds)}, {CSharp.IntLiteral(interval.Milliseconds)})";

        void Add(string unit, int value)
        {
            if (value != 0)
            {
                set.Add((unit, value));
            }
        }
    }

    /// <summary>
    /// A time in exact ticks, <c>TimeSpan.FromTicks(25000000)</c> or <c>TimeSpan.Zero</c>: the value the analyzer checked, with
    /// no rounding left to the runtime. The doc comment says it in seconds.
    /// </summary>
    private static string Ticks(long ticks) => ticks == 0 ? TimeSpanType + ".Zero" : TimeSpanType + ".FromTicks(" + CSharp.IntLiteral(ticks) + ")";

    /// <summary>The <c>new global::GenScheduler.JobOptions { … }</c> expression, or <see langword="null"/> when all options are default.</summary>
    public static string? Options(JobOptionsModel options)
    {
        JobOptionsModel defaults = JobOptionsModel.Default;
        var assignments = new List<string>();
        if (options.MisfireGraceTicks != defaults.MisfireGraceTicks)
        {
            assignments.Add("MisfireGraceTime = " + (options.MisfireGraceTicks is { } grace ? Ticks(grace) : "null"));
        }

        if (options.Coalesce != defaults.Coalesce)
        {
            assignments.Add("Coalesce = " + CSharp.BoolLiteral(options.Coalesce));
        }

        if (options.MaxInstances != defaults.MaxInstances)
        {
            assignments.Add("MaxInstances = " + CSharp.IntLiteral(options.MaxInstances));
        }

        if (options.JitterTicks != defaults.JitterTicks)
        {
            assignments.Add("Jitter = " + Ticks(options.JitterTicks));
        }

        if (options.TimeoutTicks is { } timeout)
        {
            assignments.Add("Timeout = " + Ticks(timeout));
        }

        if (options.RunOnStart != defaults.RunOnStart)
        {
            assignments.Add("RunOnStart = " + CSharp.BoolLiteral(options.RunOnStart));
        }

        if (options.Executor is { } executor)
        {
            assignments.Add("Executor = global::GenScheduler.JobExecutor." + CSharp.Identifier(executor));
        }

        return assignments.Count == 0 ? null : "new global::GenScheduler.JobOptions { " + string.Join(", ", assignments) + " }";
    }
}
