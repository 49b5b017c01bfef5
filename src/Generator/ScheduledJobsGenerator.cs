using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using GenScheduler.Generator.Analyzer;
using GenScheduler.Generator.Emit;
using GenScheduler.Generator.Extraction;
using GenScheduler.Generator.Model;
using GenScheduler.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenScheduler.Generator;

/// <summary>
/// Generates <c>&lt;Namespace&gt;.ScheduledJobs</c>, the assembly's job table (Namespace: <c>GenSchedulerNamespace</c>,
/// else <c>RootNamespace</c>, else the assembly name), from the methods that carry <c>[Interval]</c>,
/// <c>[Cron]</c> or <c>[At]</c>: one <c>JobDefinition</c> per method, with literal triggers and a lambda that calls the method;
/// and from those that carry <c>[Job]</c> alone, each a target without a schedule (<c>JobDefinition.Unscheduled</c>).
/// With GenScheduler.Hosting referenced, instance jobs are created per run from dependency injection, in a scope of their
/// own, and the project gets a parameterless <c>services.AddGenScheduler()</c> that registers the table.
/// Methods it cannot use are left out (the analyzer says why). It never throws: a bug of its own on a method is reported
/// as GS0022 naming the method, and the other jobs are still generated.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ScheduledJobsGenerator : IIncrementalGenerator
{
    private static readonly string Version = typeof(ScheduledJobsGenerator).Assembly.GetName().Version?.ToString() ?? "1.0.0.0";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<ImmutableArray<ExtractedJob?>> intervalJobs = context.SyntaxProvider
            .ForAttributeWithMetadataName(JobExtractor.IntervalAttributeName, IsMethod, Extract)
            .WithTrackingName(TrackingNames.IntervalJobs)
            .Collect()
            .WithTrackingName(TrackingNames.CollectedIntervalJobs);

        IncrementalValueProvider<ImmutableArray<ExtractedJob?>> cronJobs = context.SyntaxProvider
            .ForAttributeWithMetadataName(JobExtractor.CronAttributeName, IsMethod, Extract)
            .WithTrackingName(TrackingNames.CronJobs)
            .Collect()
            .WithTrackingName(TrackingNames.CollectedCronJobs);

        IncrementalValueProvider<ImmutableArray<ExtractedJob?>> atJobs = context.SyntaxProvider
            .ForAttributeWithMetadataName(JobExtractor.AtAttributeName, IsMethod, Extract)
            .WithTrackingName(TrackingNames.AtJobs)
            .Collect()
            .WithTrackingName(TrackingNames.CollectedAtJobs);

        // A method with [Job] and a schedule attribute comes through both: it is the same job, and the table takes it once.
        IncrementalValueProvider<ImmutableArray<ExtractedJob?>> jobTargets = context.SyntaxProvider
            .ForAttributeWithMetadataName(JobExtractor.JobAttributeName, IsMethod, Extract)
            .WithTrackingName(TrackingNames.JobTargets)
            .Collect()
            .WithTrackingName(TrackingNames.CollectedJobTargets);

        IncrementalValueProvider<JobTableModel> table = intervalJobs
            .Combine(cronJobs)
            .Combine(atJobs)
            .Combine(jobTargets)
            .WithTrackingName(TrackingNames.AllJobs)
            .Select(static (pair, _) => BuildTable(pair.Left.Left.Left, pair.Left.Left.Right, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.JobTable);

        // Where the table goes: the project's MSBuild properties (build/GenScheduler.props makes them visible), else the assembly name.
        IncrementalValueProvider<TableSettings> settings = context.AnalyzerConfigOptionsProvider
            .Combine(context.CompilationProvider
                .Select(static (compilation, _) => compilation.AssemblyName ?? string.Empty)
                .WithTrackingName(TrackingNames.AssemblyName))
            .Select(static (pair, _) => TableSettingsParser.Read(pair.Left.GlobalOptions, pair.Right))
            .WithTrackingName(TrackingNames.Settings);

        // What the references hold, as plain values: an edit that changes no reference leaves this equal, and the rest cached.
        IncrementalValueProvider<ReferencedTablesModel> references = context.CompilationProvider
            .Combine(settings)
            .Select(static (pair, cancellationToken) => ReferencedTables.Read(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.ReferencedTables);

        // Without the runtime the table could not compile; a project that has only the generator gets nothing. A runtime
        // without JobTableAttribute (older than this generator) gets a table that is not marked for other assemblies.
        IncrementalValueProvider<(bool Referenced, bool MarksTables)> runtime = context.CompilationProvider
            .Select(static (compilation, _) => (
                compilation.GetTypeByMetadataName("GenScheduler.JobDefinition") is not null,
                compilation.GetTypeByMetadataName(ReferencedTables.JobTableAttributeName) is not null))
            .WithTrackingName(TrackingNames.RuntimeReferenced);

        // GenScheduler.Hosting referenced: jobs may take services, and the project gets a parameterless AddGenScheduler().
        // Extraction reads the same from each method's compilation; this is the value the emission needs.
        IncrementalValueProvider<HostingModel> hosting = context.CompilationProvider
            .Select(static (compilation, cancellationToken) => HostingReference.Read(compilation, cancellationToken))
            .WithTrackingName(TrackingNames.Hosting);

        IncrementalValueProvider<((((JobTableModel Table, TableSettings Settings) Left, ReferencedTablesModel References) Left, (bool Referenced, bool MarksTables) Runtime) Left, HostingModel Hosting)> output = table
            .Combine(settings)
            .Combine(references)
            .Combine(runtime)
            .Combine(hosting)
            .WithTrackingName(TrackingNames.Output);

        context.RegisterSourceOutput(output, static (spc, input) =>
            Emit(spc, input.Left.Left.Left.Table, input.Left.Left.Left.Settings, input.Left.Left.References, input.Left.Runtime, input.Hosting));
    }

    private static bool IsMethod(SyntaxNode node, CancellationToken cancellationToken) => node is MethodDeclarationSyntax;

    private static ExtractedJob? Extract(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method)
        {
            return null;
        }

        string key = method.Name;
        try
        {
            key = JobExtractor.GetMethodKey(method);
            FaultInjection.At(FaultStage.Extraction, key);
            return new ExtractedJob(JobExtractor.Extract(method, context.SemanticModel.Compilation, cancellationToken).Job, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never break the user's build over a method the generator cannot understand, and never lose it without a word.
            return new ExtractedJob(null, GeneratorFailure.Of(key, e));
        }
    }

    private static JobTableModel BuildTable(
        ImmutableArray<ExtractedJob?> intervalJobs, ImmutableArray<ExtractedJob?> cronJobs, ImmutableArray<ExtractedJob?> atJobs, ImmutableArray<ExtractedJob?> jobTargets)
    {
        var jobs = new List<JobModel?>(intervalJobs.Length + cronJobs.Length + atJobs.Length + jobTargets.Length);
        var failures = new SortedDictionary<string, GeneratorFailure>(StringComparer.Ordinal);
        foreach (ImmutableArray<ExtractedJob?> list in new[] { intervalJobs, cronJobs, atJobs, jobTargets })
        {
            foreach (ExtractedJob? extracted in list)
            {
                jobs.Add(extracted?.Job);
                if (extracted?.Failure is { } failure && !failures.ContainsKey(failure.MethodKey))
                {
                    failures.Add(failure.MethodKey, failure);
                }
            }
        }

        try
        {
            return JobTableBuilder.Build(jobs) with { Failures = EquatableArray.From(failures.Values) };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Every job is missing then: say so for each.
            foreach (JobModel? job in jobs)
            {
                if (job is not null && !failures.ContainsKey(job.MethodKey))
                {
                    failures.Add(job.MethodKey, GeneratorFailure.Of(job.MethodKey, e));
                }
            }

            return new JobTableModel(EquatableArray<JobModel>.Empty) { Failures = EquatableArray.From(failures.Values) };
        }
    }

    private static void Emit(
        SourceProductionContext context, JobTableModel table, TableSettings settings, ReferencedTablesModel references, (bool Referenced, bool MarksTables) runtime,
        HostingModel hosting)
    {
        if (!runtime.Referenced)
        {
            return;
        }

        if (!references.Clashes.IsEmpty)
        {
            // A table of this name would conflict with a type the compilation already sees (CS0436): say why, generate nothing.
            foreach (string assembly in references.Clashes)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TableNameTaken, Location.None,
                    settings.MetadataName, settings.AssemblyName, assembly));
            }

            return;
        }

        var failed = new List<GeneratorFailure>(table.Failures);
        var files = new List<KeyValuePair<string, string>>();
        try
        {
            // A job whose thunk or row cannot be written is left out and reported; the others are emitted.
            Dictionary<string, string> thunkNames = Names.ThunkNames(table.Jobs);
            int before = failed.Count;
            files.AddRange(ThunkEmitter.Emit(table.Jobs, thunkNames, Version, failed.Add));
            var withoutThunk = new HashSet<string>(StringComparer.Ordinal);
            for (int i = before; i < failed.Count; i++)
            {
                withoutThunk.Add(failed[i].MethodKey);
            }

            var jobs = new List<JobModel>(table.Jobs.Count);
            foreach (JobModel job in table.Jobs)
            {
                if (!withoutThunk.Contains(job.MethodKey))
                {
                    jobs.Add(job);
                }
            }

            files.Add(new KeyValuePair<string, string>(JobTableEmitter.HintName, JobTableEmitter.Emit(jobs, settings, references.Tables, runtime.MarksTables, Version, thunkNames, failed.Add)));
            if (hosting.RegistersTable)
            {
                // Also with no jobs of its own: an app whose jobs all come from libraries registers them the same way.
                files.Add(new KeyValuePair<string, string>(ServiceCollectionEmitter.HintName, ServiceCollectionEmitter.Emit(settings, Version)));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The emission as a whole failed: no file is added, and every job not yet reported is missing.
            files.Clear();
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (GeneratorFailure failure in failed)
            {
                reported.Add(failure.MethodKey);
            }

            foreach (JobModel job in table.Jobs)
            {
                if (reported.Add(job.MethodKey))
                {
                    failed.Add(GeneratorFailure.Of(job.MethodKey, e));
                }
            }
        }

        foreach (KeyValuePair<string, string> file in files)
        {
            context.AddSource(file.Key, file.Value);
        }

        foreach (GeneratorFailure failure in failed)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailed, Location.None, failure.MethodKey, failure.Exception));
        }
    }
}
