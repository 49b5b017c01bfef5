using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using GenScheduler.Generator.Model;
using GenScheduler.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenScheduler.Generator;

/// <summary>
/// Turns a method and its schedule attributes into a <see cref="JobModel"/>, or into the problems that keep it out of
/// the job table. Reports nothing itself: the generator skips what has problems and the analyzer reports them.
/// </summary>
internal static class JobExtractor
{
    /// <summary>The metadata name of <c>[Interval]</c>.</summary>
    public const string IntervalAttributeName = "GenScheduler.IntervalAttribute";

    /// <summary>The metadata name of <c>[Cron]</c>.</summary>
    public const string CronAttributeName = "GenScheduler.CronAttribute";

    private static readonly SymbolDisplayFormat MethodKeyFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Included,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>
    /// Extracts the job of <paramref name="method"/>. Never throws for any input short of cancellation.
    /// </summary>
    /// <param name="method">The method carrying <c>[Interval]</c> and/or <c>[Cron]</c>.</param>
    /// <param name="compilation">The compilation, for accessibility checks.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The job, or the problems; empty problems and no job when the method has no schedule attribute.</returns>
    public static JobExtraction Extract(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        method = method.PartialDefinitionPart ?? method;
        string key = GetMethodKey(method);
        ImmutableArray<AttributeData> attributes = GetScheduleAttributes(method);
        if (attributes.IsEmpty)
        {
            return new JobExtraction(key, null, EquatableArray<JobProblem>.Empty);
        }

        var problems = new List<JobProblem>();
        CheckMethodShape(method, problems, out ReturnKind returnKind, out EquatableArray<ParameterKind> parameters);
        EquatableArray<TypeModel> types = CheckContainingTypes(method, problems);
        AccessKind access = CheckAccess(method, compilation, problems, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        var triggers = new List<TriggerModel>();
        for (int i = 0; i < attributes.Length; i++)
        {
            if (ReadTrigger(attributes[i], i, problems) is { } trigger)
            {
                triggers.Add(trigger);
            }
        }

        JobOptionsModel options = ReadOptions(attributes, problems, out string? name);
        if (problems.Count > 0)
        {
            return new JobExtraction(key, null, EquatableArray.From(problems));
        }

        var job = new JobModel(
            Id: string.Empty,
            MethodKey: key,
            Namespace: NamespaceName(method.ContainingNamespace),
            ContainingTypes: types,
            MethodName: method.Name,
            IsStatic: method.IsStatic,
            ReturnKind: returnKind,
            Parameters: parameters,
            Access: access,
            IsObsolete: IsObsolete(method),
            DerivesFromSourceType: DerivesFromSourceType(method.ContainingType, compilation),
            Triggers: EquatableArray.From(triggers),
            Options: options);
        job = job with { Id = name ?? job.DefaultId };
        return new JobExtraction(key, job, EquatableArray<JobProblem>.Empty);
    }

    /// <summary>The method's <c>[Interval]</c> and <c>[Cron]</c> attributes, in source order.</summary>
    public static ImmutableArray<AttributeData> GetScheduleAttributes(IMethodSymbol method)
    {
        var builder = ImmutableArray.CreateBuilder<AttributeData>();
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (GetAttributeKind(attribute.AttributeClass) is not null)
            {
                builder.Add(attribute);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>A stable key that tells methods apart: the fully qualified signature.</summary>
    public static string GetMethodKey(IMethodSymbol method) => (method.PartialDefinitionPart ?? method).ToDisplayString(MethodKeyFormat);

    /// <summary>Whether <paramref name="type"/> is <c>[Interval]</c> (<see langword="true"/>), <c>[Cron]</c> (<see langword="false"/>) or neither (<see langword="null"/>).</summary>
    private static bool? GetAttributeKind(INamedTypeSymbol? type)
    {
        if (type is null || type.ContainingType is not null
            || type.ContainingNamespace is not { Name: "GenScheduler" } ns || ns.ContainingNamespace is not { IsGlobalNamespace: true })
        {
            return null;
        }

        return type.Name switch
        {
            "IntervalAttribute" => true,
            "CronAttribute" => false,
            _ => null,
        };
    }

    private static void CheckMethodShape(IMethodSymbol method, List<JobProblem> problems, out ReturnKind returnKind, out EquatableArray<ParameterKind> parameters)
    {
        returnKind = ReturnKind.Void;
        parameters = EquatableArray<ParameterKind>.Empty;
        if (method.MethodKind != MethodKind.Ordinary)
        {
            problems.Add(JobProblem.ForMethod(JobProblemKind.NotAnOrdinaryMethod));
            return;
        }

        if (method.IsGenericMethod)
        {
            problems.Add(JobProblem.ForMethod(JobProblemKind.GenericMethod));
        }

        if (method.IsAbstract)
        {
            problems.Add(JobProblem.ForMethod(JobProblemKind.AbstractMethod));
        }

        if (method.ReturnsVoid)
        {
            if (method.IsAsync)
            {
                problems.Add(JobProblem.ForMethod(JobProblemKind.AsyncVoid));
            }
        }
        else if (!method.ReturnsByRef && !method.ReturnsByRefReadonly && IsTaskType(method.ReturnType, "Task")
            && method.ReturnNullableAnnotation != NullableAnnotation.Annotated)
        {
            returnKind = ReturnKind.Task;
        }
        else if (!method.ReturnsByRef && !method.ReturnsByRefReadonly && IsTaskType(method.ReturnType, "ValueTask"))
        {
            returnKind = ReturnKind.ValueTask;
        }
        else
        {
            // Task? is refused too: the invoker could not hand a null task on without a nullable warning.
            problems.Add(JobProblem.ForMethod(JobProblemKind.UnsupportedReturnType,
                method.ReturnType.WithNullableAnnotation(method.ReturnNullableAnnotation).ToDisplayString()));
        }

        var kinds = new List<ParameterKind>();
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            ParameterKind? kind = IsNamed(parameter.Type, "CancellationToken", "System", "Threading") ? ParameterKind.CancellationToken
                : IsNamed(parameter.Type, "JobContext", "GenScheduler") ? ParameterKind.JobContext
                : null;
            if (parameter.RefKind != RefKind.None)
            {
                problems.Add(JobProblem.ForMethod(JobProblemKind.ByRefParameter, parameter.Name));
            }
            else if (kind is not { } k)
            {
                problems.Add(JobProblem.ForMethod(JobProblemKind.UnsupportedParameter, parameter.Name, parameter.Type.ToDisplayString()));
            }
            else if (kinds.Contains(k))
            {
                problems.Add(JobProblem.ForMethod(JobProblemKind.DuplicateParameter, parameter.Name, parameter.Type.ToDisplayString()));
            }
            else
            {
                kinds.Add(k);
            }
        }

        parameters = EquatableArray.From(kinds);
    }

    /// <summary>The namespace's name as in a job id: parts joined with dots, unescaped; empty for the global namespace.</summary>
    private static string NamespaceName(INamespaceSymbol? ns)
    {
        var parts = new List<string>();
        for (; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            parts.Add(ns.Name);
        }

        parts.Reverse();
        return string.Join(".", parts);
    }

    private static bool IsTaskType(ITypeSymbol type, string name) =>
        type is INamedTypeSymbol { Arity: 0 } && IsNamed(type, name, "System", "Threading", "Tasks");

    /// <summary>Whether <paramref name="type"/> is the top-level type <paramref name="name"/> in the namespace spelled by <paramref name="namespaceParts"/>.</summary>
    private static bool IsNamed(ITypeSymbol type, string name, params string[] namespaceParts)
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

    private static EquatableArray<TypeModel> CheckContainingTypes(IMethodSymbol method, List<JobProblem> problems)
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

    private static AccessKind CheckAccess(IMethodSymbol method, Compilation compilation, List<JobProblem> problems, CancellationToken cancellationToken)
    {
        INamedTypeSymbol type = method.ContainingType;
        IAssemblySymbol assembly = compilation.Assembly;
        IMethodSymbol? constructor = null;
        if (!method.IsStatic)
        {
            string? reason = type.TypeKind == TypeKind.Interface ? "it is an interface"
                : type.IsStatic ? "it is a static class"
                : type.IsAbstract ? "it is abstract"
                : (constructor = FindParameterlessConstructor(type)) is null ? "it has no parameterless constructor"
                : HasUnsetRequiredMembers(type, constructor) ? "it has required members that its parameterless constructor does not set"
                : null;
            if (reason is not null)
            {
                problems.Add(JobProblem.ForMethod(JobProblemKind.CannotCreateInstance, type.ToDisplayString(), reason));
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
            problems.Add(JobProblem.ForMethod(JobProblemKind.Inaccessible, member, $"its type '{type.ToDisplayString()}' is not accessible either"));
            return AccessKind.Direct;
        }

        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.TypeKind == TypeKind.Interface || !IsPartial(t, cancellationToken))
            {
                string which = SymbolEqualityComparer.Default.Equals(t, type) ? "its type" : "its containing type";
                problems.Add(JobProblem.ForMethod(JobProblemKind.Inaccessible, member,
                    $"{which} '{t.ToDisplayString()}' is not a partial class or struct; make it partial so a thunk can be generated, or make the member internal"));
                return AccessKind.Direct;
            }
        }

        return AccessKind.Thunk;
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

    private static bool IsObsolete(IMethodSymbol method)
    {
        for (ISymbol? symbol = method; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            if (HasObsoleteAttribute(symbol))
            {
                return true;
            }
        }

        return !method.IsStatic && FindParameterlessConstructor(method.ContainingType) is { } constructor && HasObsoleteAttribute(constructor);
    }

    private static bool HasObsoleteAttribute(ISymbol symbol)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } c && IsNamed(c, "ObsoleteAttribute", "System"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DerivesFromSourceType(INamedTypeSymbol type, Compilation compilation)
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

    private static TriggerModel? ReadTrigger(AttributeData attribute, int index, List<JobProblem> problems)
    {
        if (GetAttributeKind(attribute.AttributeClass) == true)
        {
            int days = ReadInt(attribute, "Days"), hours = ReadInt(attribute, "Hours"), minutes = ReadInt(attribute, "Minutes"),
                seconds = ReadInt(attribute, "Seconds"), milliseconds = ReadInt(attribute, "Milliseconds");
            IntervalTriggerModel? interval = IntervalParser.Parse(days, hours, minutes, seconds, milliseconds, out JobProblemKind? error);
            if (error is { } kind)
            {
                problems.Add(JobProblem.ForAttribute(kind, index, IntervalParser.AsWritten(days, hours, minutes, seconds, milliseconds)));
            }

            return interval;
        }

        string? expression = attribute.ConstructorArguments is [{ Kind: not TypedConstantKind.Error, Value: string text }] ? text : null;
        CronParseResult cron = CronParser.Parse(expression);
        if (cron.Error is { } cronError)
        {
            problems.Add(cronError == JobProblemKind.EmptyCronExpression
                ? JobProblem.ForAttribute(cronError, index)
                : JobProblem.ForAttribute(cronError, index, cron.Expression, cron.Detail));
            return null;
        }

        string? timeZone = TryGetNamed(attribute, "TimeZone", out TypedConstant zone) && zone.Value is string z ? z : null;
        return new CronTriggerModel(cron.Expression, cron.IncludeSeconds, timeZone);
    }

    private static JobOptionsModel ReadOptions(ImmutableArray<AttributeData> attributes, List<JobProblem> problems, out string? name)
    {
        name = null;
        double? grace = null;
        bool? coalesce = null;
        int? maxInstances = null;
        for (int i = 0; i < attributes.Length; i++)
        {
            AttributeData attribute = attributes[i];
            if (name is null && TryGetNamed(attribute, "Name", out TypedConstant n) && n.Value is string nameText)
            {
                name = nameText;
                if (string.IsNullOrWhiteSpace(nameText))
                {
                    problems.Add(JobProblem.ForAttribute(JobProblemKind.InvalidName, i, nameText));
                }
            }

            if (grace is null && TryGetNamed(attribute, "MisfireGraceSeconds", out TypedConstant g) && ToDouble(g.Value) is { } seconds)
            {
                grace = seconds;
                if (double.IsNaN(seconds) || seconds < 0 || (!double.IsPositiveInfinity(seconds) && seconds > TimeSpan.MaxValue.TotalSeconds))
                {
                    problems.Add(JobProblem.ForAttribute(JobProblemKind.InvalidMisfireGrace, i, seconds.ToString("R", CultureInfo.InvariantCulture)));
                }
            }

            if (coalesce is null && TryGetNamed(attribute, "Coalesce", out TypedConstant c) && c.Value is bool b)
            {
                coalesce = b;
            }

            if (maxInstances is null && TryGetNamed(attribute, "MaxInstances", out TypedConstant m) && m.Value is int max)
            {
                maxInstances = max;
                if (max < 1)
                {
                    problems.Add(JobProblem.ForAttribute(JobProblemKind.InvalidMaxInstances, i, max.ToString(CultureInfo.InvariantCulture)));
                }
            }
        }

        JobOptionsModel defaults = JobOptionsModel.Default;
        double graceValue = grace ?? defaults.MisfireGraceSeconds;
        return new JobOptionsModel(graceValue == 0 ? 0 : graceValue, coalesce ?? defaults.Coalesce, maxInstances ?? defaults.MaxInstances);
    }

    private static int ReadInt(AttributeData attribute, string name) =>
        TryGetNamed(attribute, name, out TypedConstant value) && value.Value is int i ? i : 0;

    private static double? ToDouble(object? value) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        _ => null,
    };

    private static bool TryGetNamed(AttributeData attribute, string name, out TypedConstant value)
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
}
