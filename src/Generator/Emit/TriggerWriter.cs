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
        IntervalTriggerModel interval => "new global::GenScheduler.IntervalTrigger(" + Interval(interval) + ")",
        CronTriggerModel cron => "new global::GenScheduler.CronTrigger(" + CSharp.StringLiteral(cron.Expression)
            + ", includeSeconds: " + CSharp.BoolLiteral(cron.IncludeSeconds)
            + (cron.TimeZone is null ? string.Empty : ", timeZoneId: " + CSharp.StringLiteral(cron.TimeZone)) + ")",
        _ => "null!",
    };

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

    /// <summary>The <c>new global::GenScheduler.JobOptions { … }</c> expression, or <see langword="null"/> when all options are default.</summary>
    public static string? Options(JobOptionsModel options)
    {
        JobOptionsModel defaults = JobOptionsModel.Default;
        var assignments = new List<string>();
        if (!options.MisfireGraceSeconds.Equals(defaults.MisfireGraceSeconds))
        {
            assignments.Add(double.IsPositiveInfinity(options.MisfireGraceSeconds)
                ? "MisfireGraceTime = null"
                : "MisfireGraceTime = " + TimeSpanType + ".FromSeconds(" + CSharp.DoubleLiteral(options.MisfireGraceSeconds) + ")");
        }

        if (options.Coalesce != defaults.Coalesce)
        {
            assignments.Add("Coalesce = " + CSharp.BoolLiteral(options.Coalesce));
        }

        if (options.MaxInstances != defaults.MaxInstances)
        {
            assignments.Add("MaxInstances = " + CSharp.IntLiteral(options.MaxInstances));
        }

        return assignments.Count == 0 ? null : "new global::GenScheduler.JobOptions { " + string.Join(", ", assignments) + " }";
    }
}
