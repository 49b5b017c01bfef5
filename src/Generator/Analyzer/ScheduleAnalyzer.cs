using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using GenScheduler.Generator.Extraction;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GenScheduler.Generator.Analyzer;

/// <summary>
/// Reports every GS diagnostic. It runs the generator's own extraction (<see cref="JobExtractor"/>) with advice on, so
/// the analyzer and the generator agree on what is valid: a method with an error here is a method the job table leaves
/// out. Duplicate job ids need every job of the compilation and are reported when the compilation ends.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ScheduleAnalyzer : DiagnosticAnalyzer
{
    private readonly Func<DateTimeOffset> _utcNow;

    /// <summary>Creates the analyzer. "Now", for instants in the past and the next daylight-saving days, is the clock of the machine that compiles.</summary>
    public ScheduleAnalyzer()
        : this(static () => DateTimeOffset.UtcNow)
    {
    }

    /// <summary>Creates the analyzer with another clock, so tests can pin "now".</summary>
    internal ScheduleAnalyzer(Func<DateTimeOffset> utcNow) => _utcNow = utcNow;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ReportedByAnalyzer);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            Compilation compilation = start.Compilation;
            if (compilation.GetTypeByMetadataName(ScheduleAttributes.IntervalAttributeName) is null
                && compilation.GetTypeByMetadataName(ScheduleAttributes.CronAttributeName) is null
                && compilation.GetTypeByMetadataName(ScheduleAttributes.AtAttributeName) is null
                && compilation.GetTypeByMetadataName(ScheduleAttributes.JobAttributeName) is null)
            {
                // No schedule attribute can bind: nothing to look at.
                return;
            }

            var jobs = new ConcurrentQueue<KeyValuePair<JobModel, IMethodSymbol>>();
            DateTimeOffset now = _utcNow();
            bool hosting = HostingReference.IsEnabled(compilation);
            start.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, now, hosting, jobs), SymbolKind.Method);
            start.RegisterSyntaxNodeAction(AnalyzeNestedFunction, SyntaxKind.LocalFunctionStatement, SyntaxKind.ParenthesizedLambdaExpression);
            start.RegisterCompilationEndAction(end => ReportDuplicateIds(end, jobs));
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, DateTimeOffset now, bool hosting, ConcurrentQueue<KeyValuePair<JobModel, IMethodSymbol>> jobs)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.PartialDefinitionPart is not null)
        {
            // The implementation part of a partial method: its definition part is analyzed with both parts' attributes.
            return;
        }

        ImmutableArray<AttributeData> attributes = ScheduleAttributes.Of(method);
        if (attributes.IsEmpty)
        {
            return;
        }

        JobExtraction extraction = JobExtractor.Extract(method, context.Compilation, context.CancellationToken, adviceAsOf: now, hosting: hosting);
        foreach (JobProblem problem in extraction.Problems)
        {
            Location location = ProblemLocations.Find(problem, method, attributes, context.CancellationToken);
            context.ReportDiagnostic(ProblemDiagnostics.Create(problem, method, location));
        }

        if (extraction.Job is { } job)
        {
            jobs.Enqueue(new KeyValuePair<JobModel, IMethodSymbol>(job, method));
        }
    }

    /// <summary>Local functions and lambdas never reach the symbol action; a schedule on them is reported here.</summary>
    private static void AnalyzeNestedFunction(SyntaxNodeAnalysisContext context)
    {
        SyntaxList<AttributeListSyntax> lists = context.Node switch
        {
            LocalFunctionStatementSyntax local => local.AttributeLists,
            ParenthesizedLambdaExpressionSyntax lambda => lambda.AttributeLists,
            _ => default,
        };
        if (lists.Count == 0)
        {
            return;
        }

        ISymbol? symbol = context.Node is LocalFunctionStatementSyntax
            ? context.SemanticModel.GetDeclaredSymbol(context.Node, context.CancellationToken)
            : context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol;
        if (symbol is not IMethodSymbol method)
        {
            return;
        }

        foreach (AttributeData attribute in ScheduleAttributes.Of(method))
        {
            Location location = ProblemLocations.Argument(attribute, null, context.CancellationToken) ?? context.Node.GetLocation();
            string what = context.Node is LocalFunctionStatementSyntax ? "a local function" : "a lambda";
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotSchedulable, location,
                method.Name.Length > 0 && context.Node is LocalFunctionStatementSyntax ? method.Name : "lambda",
                $"it is {what}, which the generated job table cannot call; move the work into a method of a type"));
        }
    }

    private static void ReportDuplicateIds(CompilationAnalysisContext context, ConcurrentQueue<KeyValuePair<JobModel, IMethodSymbol>> jobs)
    {
        var methods = new Dictionary<string, IMethodSymbol>(System.StringComparer.Ordinal);
        var models = new List<JobModel>();
        foreach (KeyValuePair<JobModel, IMethodSymbol> pair in jobs)
        {
            if (!methods.ContainsKey(pair.Key.MethodKey))
            {
                methods.Add(pair.Key.MethodKey, pair.Value);
                models.Add(pair.Key);
            }
        }

        JobTableBuilder.Build(models, out List<KeyValuePair<string, JobProblem>> duplicates);
        foreach (KeyValuePair<string, JobProblem> duplicate in duplicates)
        {
            IMethodSymbol method = methods[duplicate.Key];
            string other = methods.TryGetValue(duplicate.Value.Value1, out IMethodSymbol? kept) ? ProblemDiagnostics.MethodName(kept) : duplicate.Value.Value1;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateJobId, NameLocation(method, context),
                duplicate.Value.Value0, ProblemDiagnostics.MethodName(method), other));
        }
    }

    /// <summary>The <c>Name = …</c> argument that gave the job its id, or the method's name.</summary>
    private static Location NameLocation(IMethodSymbol method, CompilationAnalysisContext context)
    {
        ImmutableArray<AttributeData> attributes = ScheduleAttributes.Of(method);
        bool hasSchedule = ScheduleAttributes.HasSchedule(attributes);
        foreach (AttributeData attribute in attributes)
        {
            if (ScheduleAttributes.SetsOptions(attribute, hasSchedule) && AttributeArguments.ReadString(attribute, "Name") is not null)
            {
                return ProblemLocations.Argument(attribute, "Name", context.CancellationToken) ?? ProblemLocations.MethodName(method);
            }
        }

        return ProblemLocations.MethodName(method);
    }
}
