using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Extraction;

/// <summary>Reads an attribute's arguments as the compiler bound them, ignoring arguments with errors.</summary>
internal static class AttributeArguments
{
    /// <summary>The named argument <paramref name="name"/>, when it is set and bound without error.</summary>
    public static bool TryGetNamed(AttributeData attribute, string name, out TypedConstant value)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Kind != TypedConstantKind.Error)
            {
                value = argument.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Whether the named argument <paramref name="name"/> is written at all.</summary>
    public static bool IsSet(AttributeData attribute, string name) => TryGetNamed(attribute, name, out _);

    /// <summary>An <c>int</c> named argument, or 0.</summary>
    public static int ReadInt(AttributeData attribute, string name) =>
        TryGetNamed(attribute, name, out TypedConstant value) && value.Value is int i ? i : 0;

    /// <summary>A <c>string</c> named argument, or <see langword="null"/>.</summary>
    public static string? ReadString(AttributeData attribute, string name) =>
        TryGetNamed(attribute, name, out TypedConstant value) ? value.Value as string : null;

    /// <summary>A numeric named argument as a <c>double</c>, or <see langword="null"/> when it is not set.</summary>
    public static double? ReadDouble(AttributeData attribute, string name) =>
        TryGetNamed(attribute, name, out TypedConstant value) ? ToDouble(value.Value) : null;

    /// <summary>The single string constructor argument, or <see langword="null"/> when it is missing, null or has errors.</summary>
    public static string? ConstructorString(AttributeData attribute) =>
        attribute.ConstructorArguments is [{ Kind: not TypedConstantKind.Error, Value: string text }] ? text : null;

    /// <summary>The one <c>[Interval]</c> unit the attribute sets, or <see langword="null"/> when it sets none or several.</summary>
    public static string? SingleIntervalUnit(AttributeData attribute)
    {
        string? found = null;
        foreach (string unit in IntervalUnits)
        {
            if (IsSet(attribute, unit))
            {
                if (found is not null)
                {
                    return null;
                }

                found = unit;
            }
        }

        return found;
    }

    private static readonly string[] IntervalUnits = { "Days", "Hours", "Minutes", "Seconds", "Milliseconds" };

    private static double? ToDouble(object? value) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        _ => null,
    };
}
