using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GenScheduler.Generator.Model;
using GenScheduler.Generator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace GenScheduler.Generator.Tests;

/// <summary>
/// <c>[Job]</c> methods, targets without a schedule, are rows of the table like scheduled jobs (same names, invokers,
/// options), written as <c>JobDefinition.Unscheduled</c>; and <c>Executor</c>, on any attribute, reaches <c>JobOptions</c>.
/// </summary>
public class JobTargetTests
{
    private static void Check(string source, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
    {
        GeneratorRun run = GeneratorHarness.Run(source).AssertGeneratorClean().AssertCompilesClean();
        Snapshot.Verify(run, testName);
    }

    [Fact]
    public void JobTargetsStaticAndInstance() => Check("""
        namespace MyApp
        {
            public static class Jobs
            {
                [Interval(Seconds = 3)]
                public static void Tick() { }

                [Job]
                public static Task Report(CancellationToken cancellationToken) => Task.CompletedTask;

                // The options of [Job] are the target's defaults; Name sets its id.
                [Job(Name = "export \"all\"", MaxInstances = 2, TimeoutSeconds = 30, Executor = JobExecutor.DedicatedThread)]
                public static void Export(JobContext context) { }
            }

            public sealed class Mailer
            {
                [Job]
                public void Send() { }
            }

            public partial class Hidden
            {
                private Hidden() { }

                [Job]
                private ValueTask Purge(JobContext context, CancellationToken token) => default;
            }
        }
        """);

    [Fact]
    public void ExecutorOption() => Check("""
        namespace MyApp;

        public static class Jobs
        {
            [Interval(Seconds = 1, Executor = JobExecutor.DedicatedThread)]
            public static void Blocking() => System.IO.File.ReadAllBytes("big.bin");

            // The default is written nowhere.
            [Cron("0 9 * * *", Executor = JobExecutor.ThreadPool)]
            public static void Pooled() { }

            // The first attribute that sets it wins, the default written out too.
            [Cron("@hourly")]
            [Interval(Minutes = 5, Executor = JobExecutor.DedicatedThread, RunOnStart = true)]
            [Interval(Minutes = 7, Executor = JobExecutor.ThreadPool)]
            public static void FirstWins() { }

            [Interval(Minutes = 1, Executor = JobExecutor.ThreadPool)]
            [Interval(Minutes = 2, Executor = JobExecutor.DedicatedThread)]
            public static void ExplicitDefaultWins() { }
        }
        """);

    private const string Program = """
        namespace MyApp
        {
            public static class Hooks
            {
                public static Action<string>? OnRun;
            }

            public static class Jobs
            {
                [Interval(Seconds = 3)]
                public static void Tick() { }

                [Job(MaxInstances = 2, TimeoutSeconds = 30, JitterSeconds = 0.5, Executor = JobExecutor.DedicatedThread)]
                public static void Report(JobContext context) => Hooks.OnRun?.Invoke("report " + context.JobId);
            }

            public partial class Hidden
            {
                private Hidden() { }

                [Job(Name = "purge")]
                private Task Purge(CancellationToken token)
                {
                    Hooks.OnRun?.Invoke("purge");
                    return Task.CompletedTask;
                }
            }
        }
        """;

    [Fact]
    public async Task A_target_compiles_into_All_unscheduled_with_its_options_and_runs_once_scheduled_by_id()
    {
        GeneratorRun run = GeneratorHarness.Run(Program).AssertGeneratorClean().AssertCompilesClean();
        using var loaded = new LoadedAssemblies(run.Output);
        IReadOnlyList<JobDefinition> all = loaded.All();

        Assert.Equal(["MyApp.Jobs.Report", "MyApp.Jobs.Tick", "purge"], all.Select(j => j.Id));
        Assert.Equal([false, true, false], all.Select(j => j.IsScheduled));
        var reportOptions = new JobOptions
        {
            MaxInstances = 2, Timeout = TimeSpan.FromSeconds(30), Jitter = TimeSpan.FromSeconds(0.5), Executor = JobExecutor.DedicatedThread,
        };
        Assert.Equal(reportOptions, all[0].Options);
        Assert.Equal(JobOptions.Default, all[2].Options);
        Assert.Contains("The 1 job and 2 targets declared in this assembly", run.Table, StringComparison.Ordinal);

        var seen = new ConcurrentDictionary<string, TaskCompletionSource>();
        TaskCompletionSource Signal(string key) => seen.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Action<string> hook = key => Signal(key).TrySetResult();
        loaded[0].GetType("MyApp.Hooks", throwOnError: true)!.GetField("OnRun")!.SetValue(null, hook);

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var scheduler = new Scheduler(all, new SchedulerOptions { TimeProvider = time });
        JobDefinition report = scheduler.AddJob("report-eu", target: "MyApp.Jobs.Report", new IntervalTrigger(TimeSpan.FromSeconds(1)));
        JobDefinition purge = scheduler.AddJob("purge-nightly", target: "purge", new IntervalTrigger(TimeSpan.FromSeconds(1)));
        Assert.Equal(("MyApp.Jobs.Report", reportOptions), (report.Target, report.Options));
        Assert.Equal("purge", purge.Target);
        scheduler.Start();

        time.Advance(TimeSpan.FromSeconds(1.5));
        await Task.WhenAll(Signal("report report-eu").Task, Signal("purge").Task).WaitAsync(TimeSpan.FromSeconds(20));
        await scheduler.ShutdownAsync(wait: true);
    }

    [Fact]
    public void A_method_with_Job_and_a_schedule_is_the_scheduled_job_once_as_if_Job_were_not_there()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            namespace MyApp;

            public static class Jobs
            {
                [Job(MaxInstances = 5, Name = "target")]
                [Interval(Seconds = 1)]
                public static void Both() { }
            }
            """).AssertGeneratorClean().AssertCompilesClean();

        Assert.Contains("public static global::GenScheduler.JobDefinition Jobs_Both { get; } = new global::GenScheduler.JobDefinition(", run.Table, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(run.Table, "Jobs_Both \\{ get; \\}"));
        Assert.DoesNotContain("Unscheduled", run.Table, StringComparison.Ordinal);
        Assert.DoesNotContain("MaxInstances", run.Table, StringComparison.Ordinal);
        Assert.Contains("\"MyApp.Jobs.Both\"", run.Table, StringComparison.Ordinal);
        Assert.Contains("The one job declared in this assembly.", run.Table, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Job] public static void A() { }", "The one target declared in this assembly: a <c>[Job]</c> method without a schedule.")]
    [InlineData("[Job] public static void A() { } [Job] public static void B() { }",
        "The 2 targets declared in this assembly, <c>[Job]</c> methods without a schedule, in a stable order (by id).")]
    [InlineData("[Job] public static void A() { } [Interval(Seconds = 1)] public static void B() { }",
        "The 1 job and 1 target declared in this assembly, in a stable order (by id); a target is a <c>[Job]</c> method without a schedule.")]
    [InlineData("[Job] public static void A() { } [Cron(\"@daily\")] public static void B() { } [At(\"2026-12-24T18:00:00Z\")] public static void C() { }",
        "The 2 jobs and 1 target declared in this assembly, in a stable order (by id); a target is a <c>[Job]</c> method without a schedule.")]
    [InlineData("[Job] public static void A<T>() { }", "No jobs are declared here: nothing in this assembly has an <c>[Interval]</c>, <c>[Cron]</c>, <c>[At]</c> or <c>[Job]</c> attribute the generator could use.")]
    public void Declared_counts_the_jobs_and_the_targets(string methods, string summary)
    {
        GeneratorRun run = GeneratorHarness.Run("namespace MyApp; public static class Jobs { " + methods + " }").AssertGeneratorClean().AssertCompilesClean();

        Assert.Contains("/// <summary>" + summary + "</summary>", run.Table, StringComparison.Ordinal);
    }

    private const string Unusable = """
        namespace Bad
        {
            public static class Targets
            {
                [Job] public static void Generic<T>() { }
                [Job] public static async void AsyncVoid() => await Task.Yield();
                [Job] public static void ByRef(ref int value) { }
                [Job] public static int WrongReturn() => 1;
                [Job(MaxInstances = 0)] public static void NoInstances() { }
                [Job(Executor = (JobExecutor)7)] public static void UnknownExecutor() { }
                [Interval(Seconds = 1, Executor = (JobExecutor)(-1))] public static void NegativeExecutor() { }
            }

            public class NotPartial
            {
                [Job] private static void Private() { }
            }

            public class NeedsArguments
            {
                public NeedsArguments(int value) { }

                [Job] public void Instance() { }
            }
        }
        """;

    [Theory]
    [InlineData("Bad.Targets", "Generic", nameof(JobProblemKind.GenericMethod))]
    [InlineData("Bad.Targets", "AsyncVoid", nameof(JobProblemKind.AsyncVoid))]
    [InlineData("Bad.Targets", "ByRef", nameof(JobProblemKind.ByRefParameter))]
    [InlineData("Bad.Targets", "WrongReturn", nameof(JobProblemKind.UnsupportedReturnType))]
    [InlineData("Bad.Targets", "NoInstances", nameof(JobProblemKind.InvalidMaxInstances))]
    [InlineData("Bad.Targets", "UnknownExecutor", nameof(JobProblemKind.InvalidExecutor))]
    [InlineData("Bad.Targets", "NegativeExecutor", nameof(JobProblemKind.InvalidExecutor))]
    [InlineData("Bad.NotPartial", "Private", nameof(JobProblemKind.Inaccessible))]
    [InlineData("Bad.NeedsArguments", "Instance", nameof(JobProblemKind.CannotCreateInstance))]
    public void A_target_the_scheduler_cannot_call_gives_the_problem_of_a_scheduled_method_and_no_job(string type, string method, string expected)
    {
        JobExtraction extraction = Extractions.Of(GeneratorHarness.Compile(Unusable), type, method);

        Assert.Null(extraction.Job);
        Assert.Equal(expected, Assert.Single(extraction.Problems).Kind.ToString());
    }

    [Fact]
    public void Unusable_targets_are_left_out_and_the_output_compiles()
    {
        GeneratorRun run = GeneratorHarness.Run(Unusable).AssertGeneratorClean().AssertCompilesClean();

        Assert.Contains("JobDefinition> Declared { get; } = global::System.Array.Empty<", run.Table, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_is_an_equatable_model_with_no_trigger()
    {
        var compilation = GeneratorHarness.Compile("""
            namespace MyApp;

            public static class Jobs
            {
                [Job(Name = "report", Executor = JobExecutor.DedicatedThread, RunOnStart = true)]
                public static Task Report(CancellationToken token) => Task.CompletedTask;
            }
            """);

        JobExtraction first = Extractions.Of(compilation, "MyApp.Jobs", "Report");

        Assert.Equal(first, Extractions.Of(compilation.Clone(), "MyApp.Jobs", "Report"));
        JobModel job = first.Job!;
        Assert.True(job.IsTarget);
        Assert.Empty(job.Triggers);
        Assert.Equal("report", job.Id);
        Assert.Equal(JobOptionsModel.Default with { RunOnStart = true, Executor = "DedicatedThread" }, job.Options);
    }
}
