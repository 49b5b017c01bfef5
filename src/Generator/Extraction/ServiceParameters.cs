using System;
using System.Collections.Generic;
using System.Globalization;
using GenScheduler.Generator.Emit;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenScheduler.Generator.Extraction;

/// <summary>
/// With GenScheduler.Hosting: what a run takes from dependency injection, the services of the constructor the job's type is
/// created with and of the method's own parameters, each checked to be a type the container can hand out and the job
/// table can name.
/// </summary>
internal static class ServiceParameters
{
    private static readonly SymbolDisplayFormat TypeOfFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.ExpandValueTuple);

    private static readonly SymbolDisplayFormat ArgumentFormat = TypeOfFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// The scope a run makes, or <see langword="null"/> when it needs none: a static method without service parameters, or an
    /// instance method created with a parameterless constructor and without them.
    /// </summary>
    /// <param name="method">The method.</param>
    /// <param name="constructor">The constructor an instance method's type is created with (<see cref="Constructors.Choose"/>); <see langword="null"/> for a static method.</param>
    /// <param name="methodServices">The method's parameters that <see cref="MethodShape"/> took for services, in order.</param>
    /// <param name="compilation">The compilation, for accessibility checks.</param>
    /// <param name="problems">Where problems go.</param>
    /// <param name="isObsolete">Set when a service type is obsolete (the table's row then needs a pragma).</param>
    public static ServiceScopeModel? Read(
        IMethodSymbol method, IMethodSymbol? constructor, IReadOnlyList<IParameterSymbol> methodServices, Compilation compilation,
        List<JobProblem> problems, ref bool isObsolete)
    {
        var fromConstructor = new List<ServiceModel>();
        if (constructor is not null)
        {
            string type = method.ContainingType.ToDisplayString();
            const string Fix = "mark a constructor that dependency injection can call with [ActivatorUtilitiesConstructor], or make the method static";
            if (constructor.IsVararg)
            {
                problems.Add(JobProblem.ForMethod(JobProblemKind.CannotCreateInstance, type,
                    $"its constructor {Constructors.Display(constructor)} takes __arglist", Fix));
            }

            foreach (IParameterSymbol parameter in constructor.Parameters)
            {
                string? why = parameter.RefKind != RefKind.None ? "is ref, out or in" : Unsupported(parameter.Type);
                if (why is not null)
                {
                    problems.Add(JobProblem.ForMethod(JobProblemKind.CannotCreateInstance, type,
                        $"the parameter '{parameter.Name}' of its constructor {Constructors.Display(constructor)} {why}", Fix));
                    continue;
                }

                fromConstructor.Add(Service(parameter, compilation, problems, ref isObsolete));
            }
        }

        var fromMethod = new List<ServiceModel>();
        foreach (IParameterSymbol parameter in methodServices)
        {
            if (Unsupported(parameter.Type) is { } why)
            {
                problems.Add(JobProblem.ForMethod(JobProblemKind.UnsupportedService, ProblemSite.Parameter, parameter.Ordinal,
                    parameter.Name, parameter.Type.ToDisplayString(), why));
                continue;
            }

            fromMethod.Add(Service(parameter, compilation, problems, ref isObsolete));
        }

        bool scoped = constructor is { Parameters.Length: > 0 } || methodServices.Count > 0;
        return scoped ? new ServiceScopeModel(EquatableArray.From(fromConstructor), EquatableArray.From(fromMethod)) : null;
    }

    /// <summary>Why dependency injection cannot supply a parameter of <paramref name="type"/>, or <see langword="null"/>.</summary>
    private static string? Unsupported(ITypeSymbol type) => type.TypeKind switch
    {
        TypeKind.Pointer or TypeKind.FunctionPointer => "is a pointer; dependency injection cannot hand one out",
        TypeKind.Dynamic => "is dynamic; take the service's own type",
        TypeKind.TypeParameter => "is a type parameter, for which the job table has no type argument",
        _ when type.IsRefLikeType => "is a ref struct; dependency injection cannot hand one out",
        _ => null,
    };

    private static ServiceModel Service(IParameterSymbol parameter, Compilation compilation, List<JobProblem> problems, ref bool isObsolete)
    {
        ITypeSymbol type = parameter.Type;
        bool nullableValue = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
        ITypeSymbol service = nullableValue ? ((INamedTypeSymbol)type).TypeArguments[0] : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        bool acceptsNull = nullableValue || (!type.IsValueType && parameter.NullableAnnotation == NullableAnnotation.Annotated);
        bool optional = parameter.IsOptional || parameter.HasExplicitDefaultValue || acceptsNull;

        if (!compilation.IsSymbolAccessibleWithin(service, compilation.Assembly))
        {
            problems.Add(JobProblem.ForMethod(JobProblemKind.Inaccessible, service.ToDisplayString(),
                $"it is the type of the service parameter '{parameter.Name}', which the generated job table must name; make it internal or public", string.Empty));
        }

        CheckObsolete(service, problems, ref isObsolete);
        string argument = service.ToDisplayString(ArgumentFormat);
        return new ServiceModel(
            Type: service.ToDisplayString(TypeOfFormat),
            Argument: argument,
            Name: ShortName(service),
            IsOptional: optional,
            IsValueType: service.IsValueType,
            Default: optional ? Default(parameter, service, argument, nullableValue, acceptsNull) : null);
    }

    /// <summary>
    /// The default of an optional parameter as a C# expression of its type, or <see langword="null"/> when a missing service
    /// should give <c>null</c> (a nullable parameter); <c>null!</c> for a reference type that is not nullable but has no
    /// other default (<c>[Optional]</c>, or <c>= null</c> where nullable checks are off).
    /// </summary>
    private static string? Default(IParameterSymbol parameter, ITypeSymbol service, string argument, bool nullableValue, bool acceptsNull)
    {
        if (!parameter.HasExplicitDefaultValue || parameter.ExplicitDefaultValue is not { } value)
        {
            return acceptsNull ? null : service.IsValueType ? $"default({argument})" : "null!";
        }

        if (service.TypeKind == TypeKind.Enum)
        {
            return $"({argument})({Convert.ToString(value, CultureInfo.InvariantCulture)})";
        }

        return value switch
        {
            string s => CSharp.StringLiteral(s),
            bool b => CSharp.BoolLiteral(b),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            float f => float.IsNaN(f) ? "float.NaN" : float.IsPositiveInfinity(f) ? "float.PositiveInfinity" : float.IsNegativeInfinity(f) ? "float.NegativeInfinity"
                : f.ToString("R", CultureInfo.InvariantCulture) + "F",
            double d => double.IsNaN(d) ? "double.NaN" : double.IsPositiveInfinity(d) ? "double.PositiveInfinity" : double.IsNegativeInfinity(d) ? "double.NegativeInfinity"
                : d.ToString("R", CultureInfo.InvariantCulture) + "D",
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
            uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            ulong u => u.ToString(CultureInfo.InvariantCulture) + "UL",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }

    private static string ShortName(ITypeSymbol type) => type switch
    {
        INamedTypeSymbol named when named.Name.Length > 0 => named.Name,
        IArrayTypeSymbol array => ShortName(array.ElementType) + "Array",
        _ => "Service",
    };

    /// <summary>Whether the type, a type it is nested in, or a type argument or element type of it is obsolete.</summary>
    private static void CheckObsolete(ITypeSymbol type, List<JobProblem> problems, ref bool isObsolete)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                CheckObsolete(array.ElementType, problems, ref isObsolete);
                break;
            case INamedTypeSymbol named:
                for (INamedTypeSymbol? t = named; t is not null; t = t.ContainingType)
                {
                    isObsolete |= MethodAccess.CheckObsoleteAttribute(t, problems);
                }

                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    CheckObsolete(argument, problems, ref isObsolete);
                }

                break;
        }
    }
}
