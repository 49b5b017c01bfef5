using System.Collections.Generic;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Extraction;

/// <summary>
/// Chooses the constructor an instance job's type is created with from dependency injection, as
/// Microsoft.Extensions.DependencyInjection would but decided at compile time: the only one the generated code can call;
/// among several, the one marked <c>[ActivatorUtilitiesConstructor]</c>; otherwise the one with the most parameters.
/// </summary>
internal static class Constructors
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.MinimallyQualifiedFormat;

    /// <summary>
    /// The constructor to use, or <see langword="null"/> with an <see cref="JobProblemKind.AmbiguousConstructor"/> problem
    /// added when two tie (or several are marked), or with nothing added when the type has no constructor at all. The
    /// candidates are the constructors accessible from the assembly (public, internal); when there are none, all of them,
    /// which a thunk in a partial type can reach. A record's copy constructor is never one.
    /// </summary>
    public static IMethodSymbol? Choose(INamedTypeSymbol type, Compilation compilation, List<JobProblem> problems)
    {
        var all = new List<IMethodSymbol>();
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (!IsCopyConstructor(type, constructor))
            {
                all.Add(constructor);
            }
        }

        List<IMethodSymbol> candidates = all.FindAll(c => compilation.IsSymbolAccessibleWithin(c, compilation.Assembly));
        if (candidates.Count == 0)
        {
            candidates = all;
        }

        List<IMethodSymbol> marked = candidates.FindAll(IsMarked);
        if (marked.Count == 1)
        {
            return marked[0];
        }

        if (marked.Count > 1)
        {
            problems.Add(JobProblem.ForMethod(JobProblemKind.AmbiguousConstructor, type.ToDisplayString(),
                $"{List(marked)} are all marked [ActivatorUtilitiesConstructor]"));
            return null;
        }

        if (candidates.Count <= 1)
        {
            return candidates.Count == 1 ? candidates[0] : null;
        }

        int most = 0;
        foreach (IMethodSymbol candidate in candidates)
        {
            most = System.Math.Max(most, candidate.Parameters.Length);
        }

        List<IMethodSymbol> longest = candidates.FindAll(c => c.Parameters.Length == most);
        if (longest.Count == 1)
        {
            return longest[0];
        }

        problems.Add(JobProblem.ForMethod(JobProblemKind.AmbiguousConstructor, type.ToDisplayString(),
            $"{List(longest)} {(longest.Count == 2 ? "both" : "all")} take the most parameters ({most})"));
        return null;
    }

    /// <summary>The constructor's parameter types as messages show them: <c>ILogger&lt;Cleanup&gt;, AppDb</c>.</summary>
    public static string ParameterTypes(IMethodSymbol constructor)
    {
        var types = new List<string>(constructor.Parameters.Length);
        foreach (IParameterSymbol parameter in constructor.Parameters)
        {
            types.Add(parameter.Type.ToDisplayString(TypeFormat));
        }

        return string.Join(", ", types);
    }

    /// <summary>The constructor as messages show it: <c>Cleanup(ILogger&lt;Cleanup&gt;, AppDb)</c>.</summary>
    public static string Display(IMethodSymbol constructor) => constructor.ContainingType.Name + "(" + ParameterTypes(constructor) + ")";

    private static string List(List<IMethodSymbol> constructors)
    {
        var names = new List<string>(constructors.Count);
        foreach (IMethodSymbol constructor in constructors)
        {
            names.Add(Display(constructor));
        }

        return names.Count == 2
            ? names[0] + " and " + names[1]
            : string.Join(", ", names.GetRange(0, names.Count - 1)) + " and " + names[names.Count - 1];
    }

    private static bool IsMarked(IMethodSymbol constructor)
    {
        foreach (AttributeData attribute in constructor.GetAttributes())
        {
            if (attribute.AttributeClass is { } c
                && MethodShape.IsNamed(c, "ActivatorUtilitiesConstructorAttribute", "Microsoft", "Extensions", "DependencyInjection"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor) =>
        type.IsRecord && constructor.Parameters.Length == 1
        && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type.OriginalDefinition, type.OriginalDefinition);
}
