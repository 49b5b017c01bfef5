using System.Collections.Generic;
using GenScheduler.Generator.Emit;
using GenScheduler.Generator.Model;

namespace GenScheduler.Generator.Describe;

/// <summary>Writes the words of a job's doc comment, already escaped for XML.</summary>
internal static class JobDescriber
{
    /// <summary>
    /// The job's schedule: <c>every 3 seconds</c>; several attributes are joined with <c>, or</c>, each schedule said
    /// once however often it is repeated. Cron schedules too irregular to put in words read
    /// <c>on cron schedule &lt;c&gt;…&lt;/c&gt;</c>.
    /// </summary>
    public static string DescribeSchedule(JobModel job)
    {
        var parts = new List<string>(job.Triggers.Count);
        foreach (TriggerModel trigger in job.Triggers)
        {
            string part = DescribeTrigger(trigger);
            if (!parts.Contains(part))
            {
                parts.Add(part);
            }
        }

        return string.Join(", or ", parts);
    }

    /// <summary>
    /// What a <c>[Job]</c> target is, and how code schedules it: <c>a target without a schedule; schedule it at run time with
    /// &lt;c&gt;scheduler.AddJob(id, target: "MyApp.Jobs.Report", trigger)&lt;/c&gt;</c>.
    /// </summary>
    public static string DescribeTarget(JobModel job) =>
        "a target without a schedule; schedule it at run time with <c>scheduler.AddJob(id, target: "
        + CSharp.XmlText(CSharp.StringLiteral(job.Id)) + ", trigger)</c>";

    /// <summary>The options that differ from the defaults, as a sentence, or <see langword="null"/> when all are default.</summary>
    public static string? DescribeOptions(JobOptionsModel options)
    {
        if (options.IsDefault)
        {
            return null;
        }

        JobOptionsModel defaults = JobOptionsModel.Default;
        var clauses = new List<string>();
        if (options.MisfireGraceTicks != defaults.MisfireGraceTicks)
        {
            clauses.Add(options.MisfireGraceTicks is { } grace
                ? "misfire grace " + Seconds(grace)
                : "no misfire limit (late runs always run)");
        }

        if (options.Coalesce != defaults.Coalesce)
        {
            clauses.Add("no coalescing (each missed run runs)");
        }

        if (options.MaxInstances != defaults.MaxInstances)
        {
            clauses.Add($"up to {options.MaxInstances} runs at once");
        }

        if (options.JitterTicks != defaults.JitterTicks)
        {
            clauses.Add("with up to " + Seconds(options.JitterTicks) + " of jitter");
        }

        if (options.TimeoutTicks is { } timeout)
        {
            clauses.Add("timeout " + Seconds(timeout));
        }

        if (options.RunOnStart)
        {
            clauses.Add("also at start-up");
        }

        if (options.Executor is { } executor)
        {
            clauses.Add(executor == "DedicatedThread" ? "on a dedicated thread" : "on the " + executor + " executor");
        }

        string text = string.Join(", ", clauses);
        return "Options: " + text + ".";
    }

    /// <summary>Ticks in seconds, to the tick: <c>2.5 seconds</c>, <c>0.0000001 seconds</c>, <c>1 second</c>.</summary>
    private static string Seconds(long ticks)
    {
        string number = (ticks / 10_000_000m).ToString("0.#######", System.Globalization.CultureInfo.InvariantCulture);
        return number + (ticks == 10_000_000 ? " second" : " seconds");
    }

    /// <summary><c>, from 2026-12-01 09:00:00 UTC until 2026-12-31 18:00:00 UTC</c>, or less, or nothing.</summary>
    private static string Window(InstantModel? start, InstantModel? end) =>
        (start is null ? string.Empty : ", from " + start) + (end is null ? string.Empty : ", until " + end);

    /// <summary><c>Europe/Berlin time</c>; a Windows id, which says <c>Time</c> itself, as it is: <c>W. Europe Standard Time</c>.</summary>
    private static string Zone(string id) =>
        CSharp.XmlText(id) + (id.EndsWith(" Time", System.StringComparison.OrdinalIgnoreCase) ? string.Empty : " time");

    private static string DescribeTrigger(TriggerModel trigger)
    {
        switch (trigger)
        {
            case IntervalTriggerModel interval:
                return IntervalDescriber.Describe(interval.Ticks) + Window(interval.Start, interval.End);
            case CronTriggerModel cron:
                string text = CronDescriber.Describe(cron.Expression) is { } words
                    ? CSharp.XmlText(words)
                    : "on cron schedule <c>" + CSharp.XmlText(cron.Expression) + "</c>";
                return (cron.TimeZone is null ? text : text + " (" + Zone(cron.TimeZone) + ")") + Window(cron.Start, cron.End);
            case DateTriggerModel date:
                return "once at " + date.Instant;
            default:
                return "on a schedule";
        }
    }
}
