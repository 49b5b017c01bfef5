using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using GenScheduler.Generator.Describe;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Extraction;

/// <summary>Reads the job options: each from the first schedule attribute that sets it.</summary>
internal static class OptionsReader
{
    private static readonly double MaxSeconds = TimeSpan.MaxValue.TotalSeconds;

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
        double? grace = null, jitter = null, timeout = null;
        bool? coalesce = null, runOnStart = null;
        int? maxInstances = null;
        int jitterIndex = -1;
        for (int i = 0; i < attributes.Length; i++)
        {
            AttributeData attribute = attributes[i];
            if (name is null && AttributeArguments.ReadString(attribute, "Name") is { } nameText)
            {
                name = nameText;
                nameIndex = i;
                if (string.IsNullOrWhiteSpace(nameText))
                {
                    problems.Add(JobProblem.ForArgument(JobProblemKind.InvalidName, i, "Name", nameText));
                }
            }

            if (grace is null && AttributeArguments.ReadDouble(attribute, "MisfireGraceSeconds") is { } seconds)
            {
                grace = seconds;
                if (double.IsNaN(seconds) || seconds < 0 || (!double.IsPositiveInfinity(seconds) && seconds > MaxSeconds))
                {
                    problems.Add(JobProblem.ForArgument(JobProblemKind.InvalidMisfireGrace, i, "MisfireGraceSeconds", Number(seconds)));
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

            if (jitter is null && AttributeArguments.ReadDouble(attribute, "JitterSeconds") is { } j)
            {
                jitter = j;
                jitterIndex = i;
                if (double.IsNaN(j) || j < 0 || j > MaxSeconds)
                {
                    problems.Add(JobProblem.ForArgument(JobProblemKind.InvalidJitter, i, "JitterSeconds", Number(j)));
                }
            }

            if (timeout is null && AttributeArguments.ReadDouble(attribute, "TimeoutSeconds") is { } t)
            {
                timeout = t;
                if (double.IsNaN(t) || t < 0 || (!double.IsPositiveInfinity(t) && t > MaxSeconds))
                {
                    problems.Add(JobProblem.ForArgument(JobProblemKind.InvalidTimeout, i, "TimeoutSeconds", Number(t)));
                }
            }

            if (runOnStart is null && AttributeArguments.TryGetNamed(attribute, "RunOnStart", out TypedConstant r) && r.Value is bool run)
            {
                runOnStart = run;
            }
        }

        if (jitter is { } jitterSeconds && jitterSeconds > 0 && jitterSeconds <= MaxSeconds)
        {
            CheckJitterAgainstIntervals(jitterSeconds, jitterIndex, triggers, problems);
        }

        JobOptionsModel defaults = JobOptionsModel.Default;
        double graceValue = grace ?? defaults.MisfireGraceSeconds;
        double timeoutValue = timeout is { } tv && !double.IsPositiveInfinity(tv) ? tv : 0;
        return new JobOptionsModel(
            graceValue == 0 ? 0 : graceValue,
            coalesce ?? defaults.Coalesce,
            maxInstances ?? defaults.MaxInstances,
            jitter is { } jv && jv != 0 ? jv : 0,
            timeoutValue == 0 ? 0 : timeoutValue,
            runOnStart ?? false);
    }

    private static void CheckJitterAgainstIntervals(double jitterSeconds, int jitterIndex, IReadOnlyList<TriggerModel> triggers, List<JobProblem> problems)
    {
        long shortest = long.MaxValue;
        foreach (TriggerModel trigger in triggers)
        {
            if (trigger is IntervalTriggerModel interval && interval.Ticks < shortest)
            {
                shortest = interval.Ticks;
            }
        }

        if (shortest != long.MaxValue && jitterSeconds * TimeSpan.TicksPerSecond >= shortest)
        {
            problems.Add(JobProblem.ForArgument(JobProblemKind.JitterNotBelowInterval, jitterIndex, "JitterSeconds",
                Number(jitterSeconds), IntervalDescriber.Describe(shortest)));
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
