using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Extraction;

/// <summary>The kinds of schedule attribute.</summary>
internal enum ScheduleKind
{
    /// <summary><c>[Interval]</c>.</summary>
    Interval,

    /// <summary><c>[Cron]</c>.</summary>
    Cron,

    /// <summary><c>[At]</c>.</summary>
    At,

    /// <summary><c>[Job]</c>: a target without a schedule. It has the options of the others, and no trigger.</summary>
    Job,
}

/// <summary>Finds the schedule attributes of a method by name, without referencing the runtime.</summary>
internal static class ScheduleAttributes
{
    /// <summary>The metadata name of <c>[Interval]</c>.</summary>
    public const string IntervalAttributeName = "GenScheduler.IntervalAttribute";

    /// <summary>The metadata name of <c>[Cron]</c>.</summary>
    public const string CronAttributeName = "GenScheduler.CronAttribute";

    /// <summary>The metadata name of <c>[At]</c>.</summary>
    public const string AtAttributeName = "GenScheduler.AtAttribute";

    /// <summary>The metadata name of <c>[Job]</c>.</summary>
    public const string JobAttributeName = "GenScheduler.JobAttribute";

    /// <summary>
    /// The method's <c>[Interval]</c>, <c>[Cron]</c>, <c>[At]</c> and <c>[Job]</c> attributes, in source order. Problems
    /// name an attribute by its index in this list.
    /// </summary>
    public static ImmutableArray<AttributeData> Of(IMethodSymbol method)
    {
        var builder = ImmutableArray.CreateBuilder<AttributeData>();
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (KindOf(attribute.AttributeClass) is not null)
            {
                builder.Add(attribute);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>Whether any of <paramref name="attributes"/> is a schedule (<c>[Interval]</c>, <c>[Cron]</c> or <c>[At]</c>), not <c>[Job]</c>.</summary>
    public static bool HasSchedule(ImmutableArray<AttributeData> attributes)
    {
        foreach (AttributeData attribute in attributes)
        {
            if (KindOf(attribute.AttributeClass) is { } kind && kind != ScheduleKind.Job)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="attribute"/> counts for the job's options and name: every attribute does, except a
    /// <c>[Job]</c> beside a schedule (GS0024), which is ignored so the job is what its schedule attributes make.
    /// </summary>
    public static bool SetsOptions(AttributeData attribute, bool hasSchedule) =>
        !hasSchedule || KindOf(attribute.AttributeClass) != ScheduleKind.Job;

    /// <summary>Which schedule attribute <paramref name="type"/> is, or <see langword="null"/> for any other type.</summary>
    public static ScheduleKind? KindOf(INamedTypeSymbol? type)
    {
        if (type is null || type.ContainingType is not null
            || type.ContainingNamespace is not { Name: "GenScheduler" } ns || ns.ContainingNamespace is not { IsGlobalNamespace: true })
        {
            return null;
        }

        return type.Name switch
        {
            "IntervalAttribute" => ScheduleKind.Interval,
            "CronAttribute" => ScheduleKind.Cron,
            "AtAttribute" => ScheduleKind.At,
            "JobAttribute" => ScheduleKind.Job,
            _ => null,
        };
    }
}
