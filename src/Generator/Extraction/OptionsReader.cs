using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using GenScheduler.Generator.Describe;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Extraction;

/// <summary>
/// Reads the job options: each from the first schedule attribute that sets it, <c>[Job]</c> included, except a
/// <c>[Job]</c> beside a schedule attribute (GS0024), which is ignored.
/// </summary>
internal static class OptionsReader
{
    /// <summary>Reads the options and the job name, adding a problem for each invalid value.</summary>
    /// <param name="attributes">The method's schedule attributes.</param>
    /// <param name="triggers">The triggers read from them, to check the jitter against intervals.</param>
    /// <param name="problems">Where problems go.</param>
    /// <param name="name">The first <c>Name</c> set, or <see langword="null"/>.</param>
    /// <param name="nameIndex">The index of the attribute that set <paramref name="name"/>, or -1.</param>
    public static JobOptionsModel Read(
        ImmutableArray<AttributeData> attributes, IReadOnlyList<TriggerModel> triggers, List<JobProblem> problems, out string? name, out int nameIndex)
    {
        name = null;
        nameIndex = -1;
        JobOptionsModel defaults = JobOptionsModel.Default;
        long? grace = defaults.MisfireGraceTicks, jitter = null, timeout = null;
        bool graceSet = false, timeoutSet = false;
        bool? coalesce = null, runOnStart = null;
        int? maxInstances = null;
        int jitterIndex = -1;
        double jitterSeconds = 0;
        bool executorSet = false;
        string? executor = null;
        bool hasSchedule = ScheduleAttributes.HasSchedule(attributes);
        for (int i = 0; i < attributes.Length; i++)
        {
            AttributeData attribute = attributes[i];
            if (!ScheduleAttributes.SetsOptions(attribute, hasSchedule))
            {
                continue;
            }

            if (name is null && AttributeArguments.ReadString(attribute, "Name") is { } nameText)
            {
                name = nameText;
                nameIndex = i;
                if (string.IsNullOrWhiteSpace(nameText))
                {
                    problems.Add(JobProblem.ForArgument(JobProblemKind.InvalidName, i, "Name", nameText));
                }
            }

            if (!graceSet && AttributeArguments.ReadDouble(attribute, "MisfireGraceSeconds") is { } seconds)
            {
                graceSet = true;
                // Zero is refused as APScheduler refuses it: a run always starts a moment after its time, so a grace of
                // zero (or one that rounds to zero ticks) would report nearly every run missed.
                if (double.IsNaN(seconds) || Math.Round(seconds * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero) < 1)
                {
                    problems.Add(JobProblem.ForArgument(JobProblemKind.InvalidMisfireGrace, i, "MisfireGraceSeconds", Number(seconds)));
                }
                else
                {
                    // Infinity is no limit (null); a value too long for a TimeSpan is a problem, and the job stays out.
                    grace = double.IsPositiveInfinity(seconds) ? null : Ticks(seconds, i, "MisfireGraceSeconds", problems);
                }
            }

            if (coalesce is null && AttributeArguments.TryGetNamed(attribute, "Coalesce", out TypedConstant c) && c.Value is bool b)
            {
                coalesce = b;
            }

            if (maxInstances is null && AttributeArguments.TryGetNamed(attribute, "MaxInstances", out TypedConstant m) && m.Value is int max)
            {
                maxInstances = max;
                if (max < 1)
                {
                    problems.Add(JobProblem.ForArgument(JobProblemKind.InvalidMaxInstances, i, "MaxInstances", max.ToString(CultureInfo.InvariantCulture)));
                }
            }

            if (jitterIndex < 0 && AttributeArguments.ReadDouble(attribute, "JitterSeconds") is { } j)
            {
                jitterIndex = i;
                jitterSeconds = j;
                if (double.IsNaN(j) || j < 0)
                {
                    problems.Add(JobProblem.ForArgument(JobProblemKind.InvalidJitter, i, "JitterSeconds", Number(j)));
                }
                else
                {
                    jitter = Ticks(j, i, "JitterSeconds", problems);
                }
            }

            if (!timeoutSet && AttributeArguments.ReadDouble(attribute, "TimeoutSeconds") is { } t)
            {
                timeoutSet = true;
                if (double.IsNaN(t) || t < 0)
                {
                    problems.Add(JobProblem.ForArgument(JobProblemKind.InvalidTimeout, i, "TimeoutSeconds", Number(t)));
                }
                else if (t != 0 && !double.IsPositiveInfinity(t) && Ticks(t, i, "TimeoutSeconds", problems) is { } ticks)
                {
                    // The runtime rejects a zero timeout: a positive value must not round to zero ticks.
                    timeout = ticks;
                    if (ticks == 0)
                    {
                        problems.Add(JobProblem.ForArgument(JobProblemKind.TimeoutBelowOneTick, i, "TimeoutSeconds", Number(t)));
                    }
                }
            }

            if (runOnStart is null && AttributeArguments.TryGetNamed(attribute, "RunOnStart", out TypedConstant r) && r.Value is bool run)
            {
                runOnStart = run;
            }

            if (!executorSet && AttributeArguments.TryGetNamed(attribute, "Executor", out TypedConstant e) && ExecutorValue(e) is { } number)
            {
                executorSet = true;
                executor = ExecutorName(e, number, i, problems);
            }
        }

        if (jitter is > 0)
        {
            CheckJitterAgainstIntervals(jitter.Value, jitterSeconds, jitterIndex, triggers, problems);
        }

        return new JobOptionsModel(
            grace,
            coalesce ?? defaults.Coalesce,
            maxInstances ?? defaults.MaxInstances,
            jitter ?? 0,
            timeout,
            runOnStart ?? false,
            executor);
    }

    /// <summary>The number an <c>Executor = …</c> argument holds, or <see langword="null"/> when it is not a <c>GenScheduler.JobExecutor</c>.</summary>
    private static long? ExecutorValue(TypedConstant value) =>
        value.Kind == TypedConstantKind.Enum && value.Type is { } type && MethodShape.IsNamed(type, "JobExecutor", "GenScheduler")
            ? Integer(value.Value)
            : null;

    /// <summary>
    /// The <c>JobExecutor</c> member of <paramref name="number"/>, as the enum the runtime declares has it; <see langword="null"/>
    /// for zero (the default, <c>ThreadPool</c>, which the table leaves unwritten) and, with the problem added, for a number no
    /// member has.
    /// </summary>
    private static string? ExecutorName(TypedConstant value, long number, int index, List<JobProblem> problems)
    {
        if (number == 0)
        {
            return null;
        }

        var members = new List<string>();
        string? found = null;
        foreach (ISymbol member in value.Type!.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true, IsStatic: true } field)
            {
                members.Add("JobExecutor." + field.Name);
                if (found is null && Integer(field.ConstantValue) == number)
                {
                    found = field.Name;
                }
            }
        }

        if (found is null)
        {
            problems.Add(JobProblem.ForArgument(JobProblemKind.InvalidExecutor, index, "Executor",
                number.ToString(CultureInfo.InvariantCulture), Words.JoinOr(members)));
        }

        return found;
    }

    /// <summary>An enum's value, whatever its underlying type, or <see langword="null"/>.</summary>
    private static long? Integer(object? value) => value switch
    {
        int i => i,
        long l => l,
        uint u => u,
        short s => s,
        ushort u => u,
        byte b => b,
        sbyte b => b,
        ulong u when u <= long.MaxValue => (long)u,
        _ => null,
    };

    /// <summary>
    /// <paramref name="seconds"/> (zero or more) in whole ticks, rounded to the nearest, as the generated code will write
    /// them (<c>TimeSpan.FromTicks</c>); <see langword="null"/>, with the problem added, when a <c>TimeSpan</c> cannot hold them.
    /// </summary>
    private static long? Ticks(double seconds, int index, string option, List<JobProblem> problems)
    {
        double ticks = Math.Round(seconds * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero);
        // 2^63 is the first double past long.MaxValue; every double below it converts to a long exactly.
        if (ticks >= 9223372036854775808.0)
        {
            problems.Add(JobProblem.ForArgument(JobProblemKind.OptionTooLong, index, option, option, Number(seconds)));
            return null;
        }

        return (long)ticks;
    }

    private static void CheckJitterAgainstIntervals(long jitterTicks, double jitterSeconds, int jitterIndex, IReadOnlyList<TriggerModel> triggers, List<JobProblem> problems)
    {
        long shortest = long.MaxValue;
        foreach (TriggerModel trigger in triggers)
        {
            if (trigger is IntervalTriggerModel interval && interval.Ticks < shortest)
            {
                shortest = interval.Ticks;
            }
        }

        if (shortest != long.MaxValue && jitterTicks >= shortest)
        {
            problems.Add(JobProblem.ForArgument(JobProblemKind.JitterNotBelowInterval, jitterIndex, "JitterSeconds",
                Number(jitterSeconds), IntervalDescriber.Describe(shortest)));
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
