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

    /// <summary>The method's <c>[Interval]</c>, <c>[Cron]</c> and <c>[At]</c> attributes, in source order.</summary>
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
            _ => null,
        };
    }
}
