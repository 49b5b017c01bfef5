using System.Collections.Generic;
using GenScheduler.Generator.Model;
using GenScheduler.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Extraction;

/// <summary>Reads one schedule attribute into a <see cref="TriggerModel"/>, or the problems that keep it from being one.</summary>
internal static class TriggerReader
{
    /// <summary>The trigger of <paramref name="attribute"/>, or <see langword="null"/> with its problems added.</summary>
    /// <param name="attribute">An <c>[Interval]</c>, <c>[Cron]</c> or <c>[At]</c> attribute.</param>
    /// <param name="index">Its index among the method's schedule attributes.</param>
    /// <param name="problems">Where problems go.</param>
    public static TriggerModel? Read(AttributeData attribute, int index, List<JobProblem> problems) =>
        ScheduleAttributes.KindOf(attribute.AttributeClass) switch
        {
            ScheduleKind.Interval => ReadInterval(attribute, index, problems),
            ScheduleKind.Cron => ReadCron(attribute, index, problems),
            ScheduleKind.At => ReadAt(attribute, index, problems),
            _ => null,
        };

    private static IntervalTriggerModel? ReadInterval(AttributeData attribute, int index, List<JobProblem> problems)
    {
        int days = AttributeArguments.ReadInt(attribute, "Days"), hours = AttributeArguments.ReadInt(attribute, "Hours"),
            minutes = AttributeArguments.ReadInt(attribute, "Minutes"), seconds = AttributeArguments.ReadInt(attribute, "Seconds"),
            milliseconds = AttributeArguments.ReadInt(attribute, "Milliseconds");
        IntervalTriggerModel? interval = IntervalParser.Parse(days, hours, minutes, seconds, milliseconds, out JobProblemKind? error);
        if (error is { } kind)
        {
            var set = new List<KeyValuePair<string, int>>();
            foreach (KeyValuePair<string, int> unit in new[]
            {
                new KeyValuePair<string, int>("Days", days), new KeyValuePair<string, int>("Hours", hours),
                new KeyValuePair<string, int>("Minutes", minutes), new KeyValuePair<string, int>("Seconds", seconds),
                new KeyValuePair<string, int>("Milliseconds", milliseconds),
            })
            {
                if (AttributeArguments.IsSet(attribute, unit.Key))
                {
                    set.Add(unit);
                }
            }

            string written = IntervalParser.AsWritten(set);
            string[] values = kind == JobProblemKind.NonPositiveInterval && set.Count > 0
                ? new[] { written, IntervalParser.NonPositiveTotal(days, hours, minutes, seconds, milliseconds, set.Count) }
                : new[] { written };
            problems.Add(AttributeArguments.SingleIntervalUnit(attribute) is { } single
                ? JobProblem.ForArgument(kind, index, single, values)
                : JobProblem.ForAttribute(kind, index, values));
        }

        bool windowValid = ReadWindow(attribute, index, problems, out InstantModel? start, out InstantModel? end);
        return interval is null || !windowValid ? null : interval with { Start = start, End = end };
    }

    private static CronTriggerModel? ReadCron(AttributeData attribute, int index, List<JobProblem> problems)
    {
        CronParseResult cron = CronParser.Parse(AttributeArguments.ConstructorString(attribute));
        bool windowValid = ReadWindow(attribute, index, problems, out InstantModel? start, out InstantModel? end);
        if (cron.Error is { } cronError)
        {
            problems.Add(cronError == JobProblemKind.EmptyCronExpression
                ? JobProblem.ForArgument(cronError, index, JobProblem.ConstructorArgument)
                : JobProblem.ForArgument(cronError, index, JobProblem.ConstructorArgument, cron.Expression, cron.Detail));
            return null;
        }

        string? timeZone = AttributeArguments.ReadString(attribute, "TimeZone");
        if (!windowValid)
        {
            return null;
        }

        if (CronParser.NeverFires(cron.Expression, cron.IncludeSeconds, timeZone, start, end) is { } window)
        {
            problems.Add(JobProblem.ForArgument(JobProblemKind.CronNeverFires, index, JobProblem.ConstructorArgument, cron.Expression, window));
            return null;
        }

        return new CronTriggerModel(cron.Expression, cron.IncludeSeconds, timeZone, start, end);
    }

    private static DateTriggerModel? ReadAt(AttributeData attribute, int index, List<JobProblem> problems)
    {
        string? text = AttributeArguments.ConstructorString(attribute);
        if (InstantParser.Parse(text, out string error) is { } instant)
        {
            return new DateTriggerModel(instant);
        }

        problems.Add(JobProblem.ForArgument(JobProblemKind.InvalidInstant, index, JobProblem.ConstructorArgument, "The instant", text ?? string.Empty, error));
        return null;
    }

    /// <summary>Reads <c>Start</c> and <c>End</c>; <see langword="false"/> when either is wrong (the problem is added).</summary>
    private static bool ReadWindow(AttributeData attribute, int index, List<JobProblem> problems, out InstantModel? start, out InstantModel? end)
    {
        bool valid = ReadInstant(attribute, "Start", index, problems, out start);
        valid &= ReadInstant(attribute, "End", index, problems, out end);
        if (start is not null && end is not null && end.UtcTicks < start.UtcTicks)
        {
            problems.Add(JobProblem.ForArgument(JobProblemKind.EndBeforeStart, index, "End", end.ToString(), start.ToString()));
            return false;
        }

        return valid;
    }

    private static bool ReadInstant(AttributeData attribute, string name, int index, List<JobProblem> problems, out InstantModel? instant)
    {
        instant = null;
        if (!AttributeArguments.TryGetNamed(attribute, name, out TypedConstant value) || value.Value is not string text)
        {
            // Not set, or set to null: no bound.
            return true;
        }

        instant = InstantParser.Parse(text, out string error);
        if (instant is null)
        {
            problems.Add(JobProblem.ForArgument(JobProblemKind.InvalidInstant, index, name, name, text, error));
            return false;
        }

        return true;
    }
}
