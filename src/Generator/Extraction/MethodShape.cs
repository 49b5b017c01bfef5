using System.Collections.Generic;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Extraction;

/// <summary>Checks that the scheduler can call a method: its kind, return type, parameters and containing types.</summary>
internal static class MethodShape
{
    /// <summary>Checks the method's kind, return type and parameters.</summary>
    /// <param name="method">The method.</param>
    /// <param name="types">
    /// The runtime's types to compare with; <see langword="null"/> when the attribute does not come from the GenScheduler
    /// runtime, and then types are told by their names.
    /// </param>
    /// <param name="hosting">
    /// Whether GenScheduler.Hosting is referenced: a parameter of any other type than <c>CancellationToken</c> and
    /// <c>JobContext</c> is then a service (<see cref="ParameterKind.Service"/>), unless its type only looks like one of them.
    /// </param>
    /// <param name="problems">Where problems go.</param>
    /// <param name="returnKind">What the method returns.</param>
    /// <param name="parameters">The kinds of its parameters, in order.</param>
    /// <param name="services">The parameters taken for services, in order.</param>
    public static void Check(
        IMethodSymbol method, RuntimeTypes? types, bool hosting, List<JobProblem> problems, out ReturnKind returnKind,
        out EquatableArray<ParameterKind> parameters, out List<IParameterSymbol> services)
    {
        returnKind = ReturnKind.Void;
        parameters = EquatableArray<ParameterKind>.Empty;
        services = new List<IParameterSymbol>();
        if (method.MethodKind != MethodKind.Ordinary)
        {
            problems.Add(JobProblem.ForMethod(JobProblemKind.NotAnOrdinaryMethod));
            return;
        }

        if (method.IsGenericMethod)
        {
            problems.Add(JobProblem.ForMethod(JobProblemKind.GenericMethod, ProblemSite.TypeParameters, -1));
        }

        if (method.IsAbstract)
        {
            problems.Add(JobProblem.ForMethod(JobProblemKind.AbstractMethod));
        }
        else if (method.IsStatic && method.IsVirtual && method.ContainingType?.TypeKind == TypeKind.Interface)
        {
            problems.Add(JobProblem.ForMethod(JobProblemKind.StaticVirtualInterfaceMember));
        }

        if (method.ReturnsVoid)
        {
            if (method.IsAsync)
            {
                problems.Add(JobProblem.ForMethod(JobProblemKind.AsyncVoid, ProblemSite.ReturnType, -1));
            }
        }
        else
        {
            string? lookAlike = null;
            bool byValue = !method.ReturnsByRef && !method.ReturnsByRefReadonly;
            if (byValue && IsRuntimeType(method.ReturnType, types?.Task, "Task", TasksNamespace, ref lookAlike)
                && method.ReturnNullableAnnotation != NullableAnnotation.Annotated)
            {
                returnKind = ReturnKind.Task;
            }
            else if (byValue && IsRuntimeType(method.ReturnType, types?.ValueTask, "ValueTask", TasksNamespace, ref lookAlike))
            {
                returnKind = ReturnKind.ValueTask;
            }
            else
            {
                // Task? is refused too: the invoker could not hand a null task on without a nullable warning.
                problems.Add(JobProblem.ForMethod(JobProblemKind.UnsupportedReturnType, ProblemSite.ReturnType, -1,
                    method.ReturnType.WithNullableAnnotation(method.ReturnNullableAnnotation).ToDisplayString(), lookAlike ?? string.Empty));
            }
        }

        var kinds = new List<ParameterKind>();
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            IParameterSymbol parameter = method.Parameters[i];
            string? lookAlike = null;
            ParameterKind? kind = IsRuntimeType(parameter.Type, types?.CancellationToken, "CancellationToken", ThreadingNamespace, ref lookAlike) ? ParameterKind.CancellationToken
                : IsRuntimeType(parameter.Type, types?.JobContext, "JobContext", RuntimeNamespace, ref lookAlike) ? ParameterKind.JobContext
                : hosting && lookAlike is null ? ParameterKind.Service
                : null;
            if (parameter.RefKind != RefKind.None)
            {
                problems.Add(JobProblem.ForMethod(JobProblemKind.ByRefParameter, ProblemSite.Parameter, i, parameter.Name));
            }
            else if (kind is not { } k)
            {
                string type = parameter.Type.ToDisplayString();
                string real = lookAlike is null ? string.Empty
                    : (types!.CancellationToken.ToDisplayString() == type ? types.CancellationToken : types.JobContext).ContainingAssembly.Name;
                problems.Add(JobProblem.ForMethod(JobProblemKind.UnsupportedParameter, ProblemSite.Parameter, i, parameter.Name, type, lookAlike ?? string.Empty, real));
            }
            else if (k != ParameterKind.Service && kinds.Contains(k))
            {
                problems.Add(JobProblem.ForMethod(JobProblemKind.DuplicateParameter, ProblemSite.Parameter, i, parameter.Name, parameter.Type.ToDisplayString()));
            }
            else
            {
                kinds.Add(k);
                if (k == ParameterKind.Service)
                {
                    services.Add(parameter);
                }
            }
        }

        if (method.IsVararg)
        {
            // __arglist is no parameter symbol; it stands after the others in the declaration.
            problems.Add(JobProblem.ForMethod(JobProblemKind.VariableArguments, ProblemSite.Parameter, method.Parameters.Length));
        }

        parameters = EquatableArray.From(kinds);
    }

    /// <summary>Checks the chain of containing types and returns it, outermost first.</summary>
    public static EquatableArray<TypeModel> CheckContainingTypes(IMethodSymbol method, List<JobProblem> problems)
    {
        var chain = new List<TypeModel>();
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                problems.Add(JobProblem.ForMethod(JobProblemKind.GenericContainingType, type.ToDisplayString()));
            }

            if (type.IsFileLocal)
            {
                problems.Add(JobProblem.ForMethod(JobProblemKind.FileLocalType, type.ToDisplayString()));
            }

            TypeKindModel kind = type.TypeKind switch
            {
                TypeKind.Struct => type.IsRecord ? TypeKindModel.RecordStruct : TypeKindModel.Struct,
                TypeKind.Interface => TypeKindModel.Interface,
                _ => type.IsRecord ? TypeKindModel.RecordClass : TypeKindModel.Class,
            };
            chain.Add(new TypeModel(type.Name, kind, type.IsStatic, type.IsReadOnly && type.TypeKind == TypeKind.Struct, type.IsRefLikeType));
        }

        chain.Reverse();
        return EquatableArray.From(chain);
    }

    /// <summary>
    /// How a run disposes the instance it makes of the method's type: as dependency injection disposes what it creates,
    /// <c>DisposeAsync</c> when the type has both. Only for classes: a struct in a <c>using</c> is read-only, so the method
    /// would run on a copy of it, and the original would be disposed.
    /// </summary>
    public static DisposalKind DisposalOf(IMethodSymbol method)
    {
        INamedTypeSymbol type = method.ContainingType;
        if (method.IsStatic || type.TypeKind != TypeKind.Class)
        {
            return DisposalKind.None;
        }

        var kind = DisposalKind.None;
        foreach (INamedTypeSymbol implemented in type.AllInterfaces)
        {
            if (IsNamed(implemented, "IAsyncDisposable", "System"))
            {
                return DisposalKind.DisposeAsync;
            }

            if (IsNamed(implemented, "IDisposable", "System"))
            {
                kind = DisposalKind.Dispose;
            }
        }

        return kind;
    }

    /// <summary>The namespace's name as in a job id: parts joined with dots, unescaped; empty for the global namespace.</summary>
    public static string NamespaceName(INamespaceSymbol? ns)
    {
        var parts = new List<string>();
        for (; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            parts.Add(ns.Name);
        }

        parts.Reverse();
        return string.Join(".", parts);
    }

    /// <summary>Whether <paramref name="type"/> is the top-level type <paramref name="name"/> in the namespace spelled by <paramref name="namespaceParts"/>.</summary>
    public static bool IsNamed(ITypeSymbol type, string name, params string[] namespaceParts)
    {
        if (type.Name != name || type.ContainingType is not null)
        {
            return false;
        }

        INamespaceSymbol? ns = type.ContainingNamespace;
        for (int i = namespaceParts.Length - 1; i >= 0; i--)
        {
            if (ns is null || ns.Name != namespaceParts[i])
            {
                return false;
            }

            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: true };
    }

    private static readonly string[] TasksNamespace = { "System", "Threading", "Tasks" }, ThreadingNamespace = { "System", "Threading" }, RuntimeNamespace = { "GenScheduler" };

    /// <summary>
    /// Whether <paramref name="type"/> is the runtime's <paramref name="real"/> type; without the runtime's types, whether
    /// it has that name. A type with the full name but not the symbol sets <paramref name="lookAlike"/> to its assembly.
    /// </summary>
    private static bool IsRuntimeType(ITypeSymbol type, ITypeSymbol? real, string name, string[] namespaceParts, ref string? lookAlike)
    {
        if (real is null)
        {
            return type is INamedTypeSymbol { Arity: 0 } && IsNamed(type, name, namespaceParts);
        }

        if (RuntimeTypes.Is(type, real, out string? other))
        {
            return true;
        }

        lookAlike ??= other;
        return false;
    }
}
