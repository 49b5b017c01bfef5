using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using GenScheduler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenScheduler.Generator.Tests;

/// <summary>
/// An edit that does not touch a schedule must leave every pipeline step cached, and no step may hold on to symbols,
/// syntax or compilations (which would defeat the cache and keep old compilations alive).
/// </summary>
public class IncrementalityTests
{
    private const string Jobs = """
        namespace MyApp;

        public partial class Jobs
        {
            [Interval(Seconds = 3)] public static void Tick() { }
            [Cron("0 9 * * 1-5")] private Task Report(CancellationToken token) => Task.CompletedTask;
            [Interval(Minutes = 1), Cron("@hourly", TimeZone = "Europe/Berlin", MaxInstances = 2)] public static int Unusable() => 0;
            [Interval(Minutes = 1), Cron("@hourly")] public static void Both() { }
            [At("2026-12-24T18:00:00Z"), Interval(Seconds = 5, Start = "2026-12-01T09:00:00+01:00", JitterSeconds = 1)] public static void Once() { }
            [Job(MaxInstances = 2, Executor = JobExecutor.DedicatedThread)] public static void Target() { }
            [Job] private ValueTask HiddenTarget(JobContext context) => default;
            [Job(Name = "ignored"), Interval(Seconds = 7)] public static void TargetAndSchedule() { }
        }
        """;

    private const string Other = """
        namespace MyApp;

        public static class Other
        {
            public static int Answer() => 42;
        }
        """;

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Jobs, Other);
        CSharpCompilation second = first.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace MyApp; internal static class Added { }", GeneratorHarness.ParseOptions, path: "Added.cs"));

        AssertCachedAfterEdit(first, second);
    }

    [Fact]
    public void Editing_a_method_body_elsewhere_leaves_every_step_cached()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Jobs, Other);
        SyntaxTree otherTree = first.SyntaxTrees.Single(t => t.FilePath == "User1.cs");
        SyntaxTree edited = otherTree.WithChangedText(otherTree.GetText().Replace(
            otherTree.GetText().ToString().IndexOf("42", StringComparison.Ordinal), 2, "43"));

        AssertCachedAfterEdit(first, first.ReplaceSyntaxTree(otherTree, edited));
    }

    [Fact]
    public void Editing_a_body_in_the_file_with_the_jobs_leaves_every_step_cached()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Jobs, Other);
        SyntaxTree jobsTree = first.SyntaxTrees.Single(t => t.FilePath == "User0.cs");
        string text = jobsTree.GetText().ToString();
        SyntaxTree edited = jobsTree.WithChangedText(jobsTree.GetText().Replace(
            text.IndexOf("=> 0;", StringComparison.Ordinal), 5, "=> 1;"));

        AssertCachedAfterEdit(first, first.ReplaceSyntaxTree(jobsTree, edited));
    }

    [Fact]
    public void With_a_library_that_exports_jobs_an_unrelated_edit_leaves_every_step_cached()
    {
        MetadataReference library = Library();
        CSharpCompilation first = GeneratorHarness.CompileAssembly("UserAssembly", [library], Jobs, Other);
        CSharpCompilation second = first.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace MyApp; internal static class Added { }", GeneratorHarness.ParseOptions, path: "Added.cs"));

        GeneratorRun run = AssertCachedAfterEdit(first, second);

        Assert.Contains("global::MyLib.ScheduledJobs.Declared", run.Table, StringComparison.Ordinal);
    }

    [Fact]
    public void Referencing_a_library_that_exports_jobs_regenerates_the_table()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Jobs, Other);

        GeneratorRun run1 = GeneratorHarness.Run(first);
        GeneratorRun run2 = GeneratorHarness.Run(first.AddReferences(Library()), run1.Driver);

        Assert.Contains("global::MyLib.ScheduledJobs.Declared", run2.Table, StringComparison.Ordinal);
        var referenceSteps = run2.RunResult.Results.Single().TrackedSteps[TrackingNames.ReferencedTables];
        Assert.Contains(referenceSteps.SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    private const string ServiceJobs = """
        namespace MyApp;

        public sealed class AppDb { }

        public sealed class Cleanup(ILogger<Cleanup> log, AppDb db)
        {
            [Interval(Minutes = 5)] public Task Run(CancellationToken ct) => Task.CompletedTask;
            [At("2027-01-01T00:00:00Z")] public void Once(AppDb again, ILogger<AppDb>? other = null) { }
        }

        public partial class Indexer
        {
            public Indexer(AppDb db) { }
            [ActivatorUtilitiesConstructor] public Indexer(AppDb db, ILogger<Indexer>? log = null, int batch = 100) { }
            [Cron("0 * * * *")] public static void Rebuild(AppDb db, JobContext context) { }
            [Job] public ValueTask Reindex(CancellationToken ct) => default;
        }
        """;

    [Fact]
    public void With_hosting_an_unrelated_edit_leaves_every_step_cached()
    {
        CSharpCompilation first = GeneratorHarness.CompileWithHosting(Jobs, ServiceJobs, Other);
        CSharpCompilation second = first.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace MyApp; internal static class Added { }", GeneratorHarness.ParseOptions, path: "Added.cs"));

        GeneratorRun run = AssertCachedAfterEdit(first, second);

        Assert.Contains("RequiredServices", run.Table, StringComparison.Ordinal);
        Assert.Contains(Emit.ServiceCollectionEmitter.HintName, run.Sources.Keys);
    }

    [Fact]
    public void With_hosting_editing_a_body_in_the_file_with_the_jobs_leaves_every_step_cached()
    {
        CSharpCompilation first = GeneratorHarness.CompileWithHosting(ServiceJobs, Other);
        SyntaxTree jobsTree = first.SyntaxTrees.Single(t => t.FilePath == "User0.cs");
        string text = jobsTree.GetText().ToString();
        SyntaxTree edited = jobsTree.WithChangedText(jobsTree.GetText().Replace(
            text.IndexOf("=> default;", StringComparison.Ordinal), 11, "=> new();  "));

        AssertCachedAfterEdit(first, first.ReplaceSyntaxTree(jobsTree, edited));
    }

    [Fact]
    public void Referencing_GenScheduler_Hosting_brings_in_the_jobs_that_need_services_and_AddGenScheduler()
    {
        CSharpCompilation without = GeneratorHarness.Compile(ServiceJobs.Replace("ActivatorUtilitiesConstructor", "Obsolete", StringComparison.Ordinal)
            .Replace("ILogger<Cleanup>", "object", StringComparison.Ordinal).Replace("ILogger<Indexer>", "object", StringComparison.Ordinal));
        GeneratorRun run1 = GeneratorHarness.Run(without);
        GeneratorRun run2 = GeneratorHarness.Run(without.AddReferences(HostingStandIn.References), run1.Driver);

        Assert.DoesNotContain("Cleanup_Run", run1.Table, StringComparison.Ordinal);
        Assert.DoesNotContain(Emit.ServiceCollectionEmitter.HintName, run1.Sources.Keys);
        Assert.Contains("Cleanup_Run", run2.Table, StringComparison.Ordinal);
        Assert.Contains(Emit.ServiceCollectionEmitter.HintName, run2.Sources.Keys);
        var hostingSteps = run2.RunResult.Results.Single().TrackedSteps[TrackingNames.Hosting];
        Assert.Contains(hostingSteps.SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    /// <summary>A library, MyLib, whose table exports one job.</summary>
    private static MetadataReference Library()
    {
        GeneratorRun run = GeneratorHarness.RunAssembly(
            "MyLib", BuildProperties.Project("MyLib"), [], "namespace MyLib; public static class Sync { [Interval(Seconds = 1)] public static void Run() { } }");
        return GeneratorHarness.Image(run.AssertCompilesClean().Output);
    }

    [Fact]
    public void Changing_a_schedule_regenerates_the_table()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Jobs, Other);
        SyntaxTree jobsTree = first.SyntaxTrees.Single(t => t.FilePath == "User0.cs");
        string text = jobsTree.GetText().ToString();
        SyntaxTree edited = jobsTree.WithChangedText(jobsTree.GetText().Replace(
            text.IndexOf("Seconds = 3", StringComparison.Ordinal), 11, "Seconds = 4"));

        GeneratorRun run1 = GeneratorHarness.Run(first);
        GeneratorRun run2 = GeneratorHarness.Run(first.ReplaceSyntaxTree(jobsTree, edited), run1.Driver);

        Assert.Contains("FromSeconds(4)", run2.Table, StringComparison.Ordinal);
        var tableSteps = run2.RunResult.Results.Single().TrackedSteps[TrackingNames.JobTable];
        Assert.Contains(tableSteps.SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Changing_a_targets_options_regenerates_the_table()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Jobs, Other);
        SyntaxTree jobsTree = first.SyntaxTrees.Single(t => t.FilePath == "User0.cs");
        string text = jobsTree.GetText().ToString();
        SyntaxTree edited = jobsTree.WithChangedText(jobsTree.GetText().Replace(
            text.IndexOf("MaxInstances = 2, Executor", StringComparison.Ordinal), 16, "MaxInstances = 3"));

        GeneratorRun run1 = GeneratorHarness.Run(first).AssertGeneratorClean();
        GeneratorRun run2 = GeneratorHarness.Run(first.ReplaceSyntaxTree(jobsTree, edited), run1.Driver).AssertGeneratorClean();

        Assert.Contains("MaxInstances = 2, Executor = global::GenScheduler.JobExecutor.DedicatedThread", run1.Table, StringComparison.Ordinal);
        Assert.Contains("MaxInstances = 3, Executor = global::GenScheduler.JobExecutor.DedicatedThread", run2.Table, StringComparison.Ordinal);
        IncrementalGeneratorRunStep[] targetSteps = [.. run2.RunResult.Results.Single().TrackedSteps[TrackingNames.JobTargets]];
        Assert.Contains(targetSteps.SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        var tableSteps = run2.RunResult.Results.Single().TrackedSteps[TrackingNames.JobTable];
        Assert.Contains(tableSteps.SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    private static GeneratorRun AssertCachedAfterEdit(CSharpCompilation first, CSharpCompilation second)
    {
        GeneratorRun run1 = GeneratorHarness.Run(first).AssertGeneratorClean();
        GeneratorRun run2 = GeneratorHarness.Run(second, run1.Driver).AssertGeneratorClean();

        ImmutableDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> steps1 = run1.RunResult.Results.Single().TrackedSteps;
        ImmutableDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> steps2 = run2.RunResult.Results.Single().TrackedSteps;

        // Every named step ran in the first pass: the test covers the whole pipeline.
        Assert.Equal(TrackingNames.All.Order(StringComparer.Ordinal), steps1.Keys.Where(TrackingNames.All.Contains).Order(StringComparer.Ordinal));

        foreach (string name in TrackingNames.All)
        {
            foreach (IncrementalGeneratorRunStep step in steps2[name])
            {
                foreach ((object value, IncrementalStepRunReason reason) in step.Outputs)
                {
                    Assert.True(
                        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"Step {name} output {value} was {reason} after an unrelated edit.");
                }
            }

            foreach (IncrementalGeneratorRunStep step in steps1[name])
            {
                foreach ((object value, _) in step.Outputs)
                {
                    AssertHoldsNoCompilerObjects(value, name, []);
                }
            }
        }

        Assert.All(run2.RunResult.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        return run2;
    }

    /// <summary>Walks <paramref name="value"/>'s object graph and fails on any symbol, syntax node, compilation or location.</summary>
    private static void AssertHoldsNoCompilerObjects(object? value, string step, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Type type = value.GetType();
        Assert.False(
            value is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Location or AttributeData,
            $"Step {step} holds a {type.FullName}; pipeline models must hold only plain values.");

        if (value is IEnumerable items)
        {
            foreach (object? item in items)
            {
                AssertHoldsNoCompilerObjects(item, step, seen);
            }
        }

        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.FieldType.IsPointer && !field.FieldType.IsByRefLike)
                {
                    AssertHoldsNoCompilerObjects(field.GetValue(value), step, seen);
                }
            }
        }
    }
}
