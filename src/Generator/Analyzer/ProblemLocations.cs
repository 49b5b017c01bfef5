using System.Collections.Immutable;
using System.Threading;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenScheduler.Generator.Analyzer;

/// <summary>
/// Finds where a problem is in the source: the attribute argument the user typed (a cron string, an interval unit, a
/// named option), the parameter, the return type, or the method's name.
/// </summary>
internal static class ProblemLocations
{
    /// <summary>The location to report <paramref name="problem"/> at.</summary>
    public static Location Find(JobProblem problem, IMethodSymbol method, ImmutableArray<AttributeData> attributes, CancellationToken cancellationToken)
    {
        switch (problem.Site)
        {
            case ProblemSite.Attribute or ProblemSite.Argument when problem.AttributeIndex >= 0 && problem.AttributeIndex < attributes.Length:
                return Argument(attributes[problem.AttributeIndex], problem.Site == ProblemSite.Argument ? problem.Argument : null, cancellationToken)
                    ?? MethodName(method);
            case ProblemSite.Parameter when problem.ParameterIndex >= 0 && problem.ParameterIndex < method.Parameters.Length:
                return Syntax(method.Parameters[problem.ParameterIndex].DeclaringSyntaxReferences, cancellationToken)?.GetLocation() ?? MethodName(method);
            case ProblemSite.Parameter when problem.ParameterIndex >= 0:
                // __arglist: in the declaration's parameter list, but no parameter symbol.
                return Declaration(method, cancellationToken)?.ParameterList.Parameters is { } list && problem.ParameterIndex < list.Count
                    ? list[problem.ParameterIndex].GetLocation()
                    : MethodName(method);
            case ProblemSite.ReturnType:
                return Declaration(method, cancellationToken)?.ReturnType.GetLocation() ?? MethodName(method);
            case ProblemSite.TypeParameters:
                return Declaration(method, cancellationToken)?.TypeParameterList?.GetLocation() ?? MethodName(method);
            default:
                return MethodName(method);
        }
    }

    /// <summary>
    /// The attribute, or one of its arguments: a named argument as a whole (<c>Seconds = 0</c>), the constructor argument
    /// by its expression (the cron string). <see langword="null"/> when the attribute has no source.
    /// </summary>
    public static Location? Argument(AttributeData attribute, string? argument, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return null;
        }

        if (argument is not null && syntax.ArgumentList is { } list)
        {
            foreach (AttributeArgumentSyntax item in list.Arguments)
            {
                if (argument == JobProblem.ConstructorArgument ? item.NameEquals is null : item.NameEquals?.Name.Identifier.ValueText == argument)
                {
                    return argument == JobProblem.ConstructorArgument ? item.Expression.GetLocation() : item.GetLocation();
                }
            }
        }

        return syntax.GetLocation();
    }

    /// <summary>The method's name, where it is declared.</summary>
    public static Location MethodName(IMethodSymbol method) => method.Locations.IsEmpty ? Location.None : method.Locations[0];

    private static MethodDeclarationSyntax? Declaration(IMethodSymbol method, CancellationToken cancellationToken) =>
        Syntax(method.DeclaringSyntaxReferences, cancellationToken) as MethodDeclarationSyntax;

    private static SyntaxNode? Syntax(ImmutableArray<SyntaxReference> references, CancellationToken cancellationToken) =>
        references.IsEmpty ? null : references[0].GetSyntax(cancellationToken);
}
