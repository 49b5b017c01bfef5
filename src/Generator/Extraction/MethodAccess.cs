using System.Collections.Generic;
using System.Threading;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenScheduler.Generator.Extraction;

/// <summary>Decides how generated code reaches a method (directly or through a thunk) and whether it can at all.</summary>
internal static class MethodAccess
{
    private const string StaticFix = "make the method static";

    /// <summary>
    /// Checks that the job table can call <paramref name="method"/>: that an instance method's type can be created, and
    /// that the method and constructor are accessible, or reachable through a thunk in a partial type.
    /// An <see cref="JobProblemKind.Inaccessible"/> problem's third value names the type to make partial when that is the fix.
    /// </summary>
    /// <param name="method">The method.</param>
    /// <param name="compilation">The compilation, for accessibility checks.</param>
    /// <param name="hosting">
    /// Whether GenScheduler.Hosting is referenced: an instance method's type is then created with the constructor
    /// dependency injection would choose (<see cref="Constructors.Choose"/>), else with a parameterless one.
    /// </param>
    /// <param name="problems">Where problems go.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="constructor">The constructor an instance method's type is created with, when there is one to use.</param>
    public static AccessKind Check(
        IMethodSymbol method, Compilation compilation, bool hosting, List<JobProblem> problems, CancellationToken cancellationToken, out IMethodSymbol? constructor)
    {
        INamedTypeSymbol type = method.ContainingType;
        IAssemblySymbol assembly = compilation.Assembly;
        constructor = null;
        if (method.IsAbstract || method.MethodKind != MethodKind.Ordinary)
        {
            // Reported as such by MethodShape; whether its type can be created does not matter then.
            return AccessKind.Direct;
        }

        if (!method.IsStatic)
        {
            int before = problems.Count;
            (string Reason, string Fix)? cannot = type.TypeKind == TypeKind.Interface ? ("it is an interface", StaticFix + ", or schedule it on a class that implements the interface")
                : type.IsStatic ? ("it is a static class", StaticFix)
                : type.IsAbstract ? ("it is abstract", StaticFix + ", or schedule it on a type that is not abstract")
                : (constructor = hosting ? Constructors.Choose(type, compilation, problems) : FindParameterlessConstructor(type)) is null
                    ? hosting ? ("it has no constructor the generated code can call", StaticFix)
                        : ("it has no parameterless constructor", "reference GenScheduler.Hosting and call services.AddGenScheduler() to have it created from dependency injection, add a parameterless constructor, or make the method static")
                : HasUnsetRequiredMembers(type, constructor)
                    ? ($"it has required members that its constructor {Constructors.Display(constructor)} does not set", "set them in that constructor and mark it [SetsRequiredMembers], or make the method static")
                : null;
            if (problems.Count > before)
            {
                // Dependency injection could use more than one constructor: reported as such.
                return AccessKind.Direct;
            }

            if (cannot is { } c)
            {
                problems.Add(JobProblem.ForMethod(JobProblemKind.CannotCreateInstance, type.ToDisplayString(), c.Reason, c.Fix));
                return AccessKind.Direct;
            }
        }

        bool methodAccessible = compilation.IsSymbolAccessibleWithin(method, assembly);
        bool constructorAccessible = constructor is null || compilation.IsSymbolAccessibleWithin(constructor, assembly);
        if (methodAccessible && constructorAccessible)
        {
            return AccessKind.Direct;
        }

        string member = methodAccessible ? constructor!.ToDisplayString() : method.ToDisplayString();
        if (!compilation.IsSymbolAccessibleWithin(type, assembly))
        {
            problems.Add(JobProblem.ForMethod(JobProblemKind.Inaccessible, member,
                $"its type '{type.ToDisplayString()}' is not accessible either; make the type internal or public", string.Empty));
            return AccessKind.Direct;
        }

        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.TypeKind == TypeKind.Interface || !IsPartial(t, cancellationToken))
            {
                string which = SymbolEqualityComparer.Default.Equals(t, type) ? "its type" : "its containing type";
                bool fixable = t.TypeKind != TypeKind.Interface && !t.IsImplicitlyDeclared;
                problems.Add(JobProblem.ForMethod(JobProblemKind.Inaccessible, member,
                    $"{which} '{t.ToDisplayString()}' is not a partial class or struct; make it partial so a thunk can be generated, or make the member internal",
                    fixable ? t.ToDisplayString() : string.Empty));
                return AccessKind.Direct;
            }
        }

        return AccessKind.Thunk;
    }

    /// <summary>
    /// Whether the method, its type, or the constructor an instance job uses is obsolete. One obsolete as an error
    /// (<c>[Obsolete("…", true)]</c>) cannot be called even under a pragma: that is a problem.
    /// </summary>
    public static bool CheckObsolete(IMethodSymbol method, IMethodSymbol? constructor, List<JobProblem> problems)
    {
        bool obsolete = false;
        for (ISymbol? symbol = method; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            obsolete |= CheckObsoleteAttribute(symbol, problems);
        }

        if (!method.IsStatic && constructor is not null)
        {
            obsolete |= CheckObsoleteAttribute(constructor, problems);
        }

        return obsolete;
    }

    /// <summary>Whether <paramref name="type"/> derives from another type of the assembly being compiled.</summary>
    public static bool DerivesFromSourceType(INamedTypeSymbol type, Compilation compilation)
    {
        for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(baseType.ContainingAssembly, compilation.Assembly))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="symbol"/> itself is obsolete; an <see cref="JobProblemKind.ObsoleteError"/> problem when as an error.</summary>
    public static bool CheckObsoleteAttribute(ISymbol symbol, List<JobProblem> problems)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } c && MethodShape.IsNamed(c, "ObsoleteAttribute", "System"))
            {
                if (attribute.ConstructorArguments is [_, { Value: true }])
                {
                    problems.Add(JobProblem.ForMethod(JobProblemKind.ObsoleteError, symbol.ToDisplayString()));
                }

                return true;
            }
        }

        return false;
    }

    private static IMethodSymbol? FindParameterlessConstructor(INamedTypeSymbol type)
    {
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.IsEmpty)
            {
                return constructor;
            }
        }

        return null;
    }

    private static bool HasUnsetRequiredMembers(INamedTypeSymbol type, IMethodSymbol constructor)
    {
        foreach (AttributeData attribute in constructor.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "SetsRequiredMembersAttribute" })
            {
                return false;
            }
        }

        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            foreach (ISymbol member in t.GetMembers())
            {
                if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return true;
            }
        }

        return false;
    }
}
