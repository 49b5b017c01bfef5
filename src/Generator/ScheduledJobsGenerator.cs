using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using GenScheduler.Generator.Emit;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenScheduler.Generator;

/// <summary>
/// Generates <c>GenScheduler.ScheduledJobs</c>, the assembly's job table, from the methods that carry <c>[Interval]</c>,
/// <c>[Cron]</c> or <c>[At]</c>: one <c>JobDefinition</c> per method, with literal triggers and a lambda that calls the method.
/// Methods it cannot use are left out (the analyzer says why); the generator itself never reports or throws.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ScheduledJobsGenerator : IIncrementalGenerator
{
    private static readonly string Version = typeof(ScheduledJobsGenerator).Assembly.GetName().Version?.ToString() ?? "1.0.0.0";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<ImmutableArray<JobModel?>> intervalJobs = context.SyntaxProvider
            .ForAttributeWithMetadataName(JobExtractor.IntervalAttributeName, IsMethod, Extract)
            .WithTrackingName(TrackingNames.IntervalJobs)
            .Collect()
            .WithTrackingName(TrackingNames.CollectedIntervalJobs);

        IncrementalValueProvider<ImmutableArray<JobModel?>> cronJobs = context.SyntaxProvider
            .ForAttributeWithMetadataName(JobExtractor.CronAttributeName, IsMethod, Extract)
            .WithTrackingName(TrackingNames.CronJobs)
            .Collect()
            .WithTrackingName(TrackingNames.CollectedCronJobs);

        IncrementalValueProvider<ImmutableArray<JobModel?>> atJobs = context.SyntaxProvider
            .ForAttributeWithMetadataName(JobExtractor.AtAttributeName, IsMethod, Extract)
            .WithTrackingName(TrackingNames.AtJobs)
            .Collect()
            .WithTrackingName(TrackingNames.CollectedAtJobs);

        IncrementalValueProvider<JobTableModel> table = intervalJobs
            .Combine(cronJobs)
            .Combine(atJobs)
            .WithTrackingName(TrackingNames.AllJobs)
            .Select(static (pair, _) => BuildTable(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.JobTable);

        // Without the runtime the table could not compile; a project that has only the generator gets nothing.
        IncrementalValueProvider<bool> runtimeReferenced = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName("GenScheduler.JobDefinition") is not null)
            .WithTrackingName(TrackingNames.RuntimeReferenced);

        IncrementalValueProvider<(JobTableModel Table, bool Emit)> output = table
            .Combine(runtimeReferenced)
            .WithTrackingName(TrackingNames.Output);

        context.RegisterSourceOutput(output, static (spc, pair) => Emit(spc, pair.Table, pair.Emit));
    }

    private static bool IsMethod(SyntaxNode node, CancellationToken cancellationToken) => node is MethodDeclarationSyntax;

    private static JobModel? Extract(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method)
        {
            return null;
        }

        try
        {
            return JobExtractor.Extract(method, context.SemanticModel.Compilation, cancellationToken).Job;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never break the user's build over a method the generator cannot understand: leave it out.
            return null;
        }
    }

    private static JobTableModel BuildTable(ImmutableArray<JobModel?> intervalJobs, ImmutableArray<JobModel?> cronJobs, ImmutableArray<JobModel?> atJobs)
    {
        try
        {
            var all = new List<JobModel?>(intervalJobs.Length + cronJobs.Length + atJobs.Length);
            all.AddRange(intervalJobs);
            all.AddRange(cronJobs);
            all.AddRange(atJobs);
            return JobTableBuilder.Build(all);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new JobTableModel(EquatableArray<JobModel>.Empty);
        }
    }

    private static void Emit(SourceProductionContext context, JobTableModel table, bool emit)
    {
        if (!emit)
        {
            return;
        }

        // Emit what can be emitted; a job that breaks the emitter is left out rather than failing the whole table.
        JobTableModel safeTable = table;
        Dictionary<string, string> thunkNames;
        List<KeyValuePair<string, string>> thunkFiles;
        try
        {
            thunkNames = Names.ThunkNames(table.Jobs);
            thunkFiles = ThunkEmitter.Emit(table.Jobs, thunkNames, Version);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            safeTable = new JobTableModel(EquatableArray.From(Direct(table.Jobs)));
            thunkNames = new Dictionary<string, string>();
            thunkFiles = new List<KeyValuePair<string, string>>();
        }

        foreach (KeyValuePair<string, string> file in thunkFiles)
        {
            context.AddSource(file.Key, file.Value);
        }

        string source;
        try
        {
            source = JobTableEmitter.Emit(safeTable, Version, thunkNames);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            source = JobTableEmitter.Emit(new JobTableModel(EquatableArray<JobModel>.Empty), Version, thunkNames);
        }

        context.AddSource(JobTableEmitter.HintName, source);
    }

    private static IEnumerable<JobModel> Direct(IEnumerable<JobModel> jobs)
    {
        foreach (JobModel job in jobs)
        {
            if (job.Access == AccessKind.Direct)
            {
                yield return job;
            }
        }
    }
}
