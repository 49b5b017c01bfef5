using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using GenScheduler.Analyzer.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Analyzer.Tests;

/// <summary>
/// <c>[Job]</c> targets follow the rules of scheduled methods, each diagnostic at its exact span; <c>[Job]</c> beside a schedule
/// attribute is GS0024 at the <c>[Job]</c>; an <c>Executor</c> that is no <c>JobExecutor</c> is GS0017.
/// </summary>
public class JobTargetDiagnosticTests
{
    /// <summary>A mistake per case, marked where the squiggle must be.</summary>
    public static readonly TheoryData<string, string> Mistakes = new()
    {
        { "GS0024 [Job] before the schedule", """
            public static class Jobs { [{|GS0024:Job|}] [Interval(Seconds = 1)] public static void Tick() { } }
            """ },
        { "GS0024 [Job] after the schedules, in one list", """
            public static class Jobs { [Cron("@daily"), At("2026-12-24T18:00:00Z"), {|GS0024:Job(Name = "tick", MaxInstances = 0)|}] public static void Tick() { } }
            """ },
        { "GS0017 an Executor that is no JobExecutor", """
            public static class Jobs { [Interval(Seconds = 1, {|GS0017:Executor = (JobExecutor)7|})] public static void Tick() { } }
            """ },
        { "GS0017 a negative Executor on [Job]", """
            public static class Jobs { [Job({|GS0017:Executor = (JobExecutor)(-1)|})] public static void Run() { } }
            """ },
        { "GS0017 an option of [Job]", """
            public static class Jobs { [Job({|GS0017:MaxInstances = 0|})] public static void Run() { } }
            """ },
        { "GS0001 generic target", """
            public static class Jobs { [Job] public static void Run{|GS0001:<T>|}() { } }
            """ },
        { "GS0002 target parameter", """
            public static class Jobs { [Job] public static void Run({|GS0002:string region|}) { } }
            """ },
        { "GS0004 async void target", """
            public static class Jobs { [Job] public static async {|GS0004:void|} Run() => await Task.Yield(); }
            """ },
        { "GS0005 abstract target", """
            public abstract class Jobs { [Job] public abstract void {|GS0005:Run|}(); }
            """ },
        { "GS0005 target local function", """
            public static class Jobs
            {
                public static void Outer()
                {
                    [{|GS0005:Job|}] static void Local() { }
                    Local();
                }
            }
            """ },
        { "GS0006 private target in a non-partial type", """
            public class Jobs { [Job] private static void {|GS0006:Run|}() { } }
            """ },
        { "GS0007 instance target without a parameterless constructor", """
            public class Jobs { public Jobs(int x) { } [Job] public void {|GS0007:Run|}() { } }
            """ },
        { "GS0008 two targets with one id", """
            public static class Jobs
            {
                [Job(Name = "report")] public static void A() { }
                [Job({|GS0008:Name = "report"|})] public static void B() { }
            }
            """ },
        { "GS0008 a target with the id of a scheduled job", """
            public static class Jobs
            {
                [Interval(Seconds = 1, Name = "report")] public static void A() { }
                [Job({|GS0008:Name = "report"|})] public static void B() { }
            }
            """ },
    };

    /// <summary>The valid neighbour of each mistake: nothing to report.</summary>
    public static readonly TheoryData<string, string> Neighbours = new()
    {
        { "GS0024", "public static class Jobs { [Job] public static void Run() { } [Interval(Seconds = 1)] public static void Tick() { } }" },
        { "GS0017 Executor", """
            public static class Jobs
            {
                [Interval(Seconds = 1, Executor = JobExecutor.DedicatedThread)] public static void Tick() { }
                [Cron("@daily", Executor = JobExecutor.ThreadPool)] public static void Daily() { }
                [Job(Executor = (JobExecutor)1, MaxInstances = 3, Name = "run")] public static void Run() { }
            }
            """ },
        { "GS0006 private target in a partial type", "public partial class Jobs { [Job] private static Task Run(CancellationToken token) => Task.CompletedTask; }" },
        { "GS0007 instance target", "public class Jobs { [Job] public ValueTask Run(JobContext context) => default; }" },
        { "GS0008 a target named apart from a scheduled job", """
            public static class Jobs
            {
                [Interval(Seconds = 1, Name = "report")] public static void A() { }
                [Job(Name = "report-target")] public static void B() { }
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public Task A_mistake_is_reported_at_its_exact_span(string name, string markup)
    {
        Assert.NotEmpty(name);
        return AnalyzerHarness.VerifyAsync(markup);
    }

    [Theory]
    [MemberData(nameof(Neighbours))]
    public Task The_valid_neighbour_reports_nothing(string name, string source)
    {
        Assert.NotEmpty(name);
        return AnalyzerHarness.VerifyAsync(source);
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task The_generator_leaves_out_every_target_the_analyzer_reports_an_error_on_but_keeps_the_job_of_GS0024(string name, string markup)
    {
        (string source, _) = Markup.Parse(markup);
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = AnalyzerHarness.Compile(source);
        var errors = (await AnalyzerHarness.AnalyzeAsync(compilation)).Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "GS0008").ToList();
        (Compilation output, GeneratorDriverRunResult result) = AnalyzerHarness.Generate(compilation);
        string table = result.GeneratedTrees.FirstOrDefault()?.ToString() ?? string.Empty;

        Assert.Empty(result.Diagnostics);
        foreach (Diagnostic error in errors)
        {
            SemanticModel model = compilation.GetSemanticModel(error.Location.SourceTree!);
            IMethodSymbol? method = error.Location.SourceTree!.GetRoot().FindToken(error.Location.SourceSpan.Start).Parent!
                .AncestorsAndSelf().Select(node => model.GetDeclaredSymbol(node)).OfType<IMethodSymbol>().FirstOrDefault();
            Assert.True(method is not null, $"{name}: no method at {error}");
            if (error.Id == "GS0024")
            {
                // The schedule attributes make the job, as if [Job] were not there: once, scheduled, never a target.
                Assert.Single(System.Text.RegularExpressions.Regex.Matches(table, @"\." + method!.Name + @"\("));
                Assert.DoesNotContain("Unscheduled", table, StringComparison.Ordinal);
            }
            else
            {
                Assert.DoesNotContain("." + method!.Name + "(", table, StringComparison.Ordinal);
            }
        }

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && result.GeneratedTrees.Contains(tree)));
    }

    [Fact]
    public async Task GS0024_names_the_method_and_both_ways_out()
    {
        Diagnostic diagnostic = await AnalyzerHarness.SingleAsync(
            "public static class Jobs { [Job, Interval(Seconds = 1)] public static void Tick() { } }");

        Assert.Equal(("GS0024", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(
            "Method 'Jobs.Tick' has [Job] and a schedule attribute, but [Job] marks a target without a schedule; remove [Job], or the schedule attributes",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_invalid_Executor_says_its_number_and_the_executors_there_are()
    {
        Diagnostic diagnostic = await AnalyzerHarness.SingleAsync(
            "public static class Jobs { [Job(Executor = (JobExecutor)7)] public static void Run() { } }");

        Assert.Equal(
            "Invalid job option on 'Jobs.Run': Executor is 7, which is not a JobExecutor; use JobExecutor.ThreadPool or JobExecutor.DedicatedThread",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_options_of_a_Job_beside_a_schedule_are_ignored_and_not_checked()
    {
        // The schedule attributes make the job, so a wrong option on the [Job] only adds to GS0024, which says to remove one of them.
        Diagnostic diagnostic = await AnalyzerHarness.SingleAsync(
            "public static class Jobs { [Interval(Seconds = 1)] [Job(MaxInstances = 0, Executor = (JobExecutor)9)] public static void Tick() { } }");

        Assert.Equal("GS0024", diagnostic.Id);
    }
}
