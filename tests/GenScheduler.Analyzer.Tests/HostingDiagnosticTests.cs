using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using GenScheduler.Analyzer.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Analyzer.Tests;

/// <summary>
/// With GenScheduler.Hosting referenced, instance jobs are created from dependency injection: the analyzer says with which
/// constructor (GS0025, a note at the attribute), reports a tie (GS0026), and keeps GS0007 and GS0002 for what dependency
/// injection cannot do either. Without it, GS0007 says how to get there.
/// </summary>
public class HostingDiagnosticTests
{
    private const string Services = """
        public sealed class AppDb { }
        public sealed class Mailer { }

        """;

    /// <summary>Each case in a project that references GenScheduler.Hosting, marked where the squiggle must be.</summary>
    public static readonly TheoryData<string, string> WithHosting = new()
    {
        { "GS0025 primary constructor", """
            public sealed class Cleanup(ILogger<Cleanup> log, AppDb db)
            {
                [{|GS0025:Interval(Minutes = 5)|}]
                public Task Run(CancellationToken ct) => Task.CompletedTask;
            }
            """ },
        { "GS0025 at the first schedule attribute only", """
            public sealed class Cleanup(AppDb db)
            {
                [{|GS0025:Cron("0 3 * * *")|}, Interval(Hours = 6)]
                [At("2027-01-01T00:00:00Z")]
                public void Run() { }
            }
            """ },
        { "GS0025 a target", """
            public sealed class Cleanup(AppDb db)
            {
                [{|GS0025:Job|}]
                public void Run() { }
            }
            """ },
        { "GS0025 parameterless constructor and a service parameter", """
            public sealed class Cleanup
            {
                [{|GS0025:Interval(Minutes = 5)|}]
                public void Run(AppDb db, JobContext context) { }
            }
            """ },
        { "GS0025 the marked constructor", """
            public sealed class Cleanup
            {
                public Cleanup(AppDb db, Mailer mailer) { }
                [ActivatorUtilitiesConstructor] public Cleanup(AppDb db) { }
                [{|GS0025:Interval(Minutes = 5)|}]
                public void Run() { }
            }
            """ },
        { "GS0026 two constructors take the most parameters", """
            public sealed class Cleanup
            {
                public Cleanup() { }
                public Cleanup(AppDb db) { }
                public Cleanup(Mailer mailer) { }
                [Interval(Minutes = 5)]
                public void {|GS0026:Run|}() { }
            }
            """ },
        { "GS0026 two marked constructors", """
            public sealed class Cleanup
            {
                [ActivatorUtilitiesConstructor] public Cleanup(AppDb db) { }
                [ActivatorUtilitiesConstructor] public Cleanup(AppDb db, Mailer mailer) { }
                [Interval(Minutes = 5)]
                public void {|GS0026:Run|}() { }
            }
            """ },
        { "GS0007 abstract type, hosting or not", """
            public abstract class Cleanup(AppDb db)
            {
                [Interval(Minutes = 5)]
                public void {|GS0007:Run|}() { }
            }
            """ },
        { "GS0007 a constructor parameter dependency injection cannot supply", """
            public sealed class Cleanup
            {
                public Cleanup(ref int count) { }
                [Interval(Minutes = 5)]
                public void {|GS0007:Run|}() { }
            }
            """ },
        { "GS0007 required members the constructor does not set", """
            public sealed class Cleanup(AppDb db)
            {
                public required string Name { get; init; }
                [Interval(Minutes = 5)]
                public void {|GS0007:Run|}() { }
            }
            """ },
        { "GS0002 a service parameter dependency injection cannot hand out", """
            public static class Jobs
            {
                [Interval(Minutes = 5)]
                public static void Run({|GS0002:ref AppDb db|}, {|GS0002:dynamic options|}) { }
            }
            """ },
        { "GS0002 two cancellation tokens still", """
            public static class Jobs
            {
                [Interval(Minutes = 5)]
                public static void Run(CancellationToken a, AppDb db, {|GS0002:CancellationToken b|}) { }
            }
            """ },
        { "GS0006 a service type the job table cannot name", """
            public partial class Jobs
            {
                private sealed class Secret { }
                private Jobs(Secret secret) { }
                [Interval(Minutes = 5)]
                public void {|GS0006:Run|}() { }
            }
            """ },
        { "nothing for a static job with services", """
            public static class Jobs
            {
                [Interval(Minutes = 5)]
                public static Task Run(AppDb db, ILogger<AppDb>? log = null, CancellationToken ct = default) => Task.CompletedTask;
            }
            """ },
        { "nothing for new T() without services", """
            public sealed class Jobs
            {
                [Interval(Minutes = 5)]
                public void Run(JobContext context) { }
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(WithHosting))]
    public Task Each_diagnostic_is_reported_at_its_span_in_hosting_mode(string name, string markup)
    {
        _ = name;
        return AnalyzerHarness.VerifyAsync(Services + markup, hosting: true);
    }

    [Fact]
    public async Task GS0025_names_the_constructor_and_its_parameter_types()
    {
        Diagnostic diagnostic = await AnalyzerHarness.SingleAsync(Services + """
            public sealed class Cleanup(ILogger<Cleanup> log, AppDb db)
            {
                [Interval(Minutes = 5)]
                public Task Run(CancellationToken ct) => Task.CompletedTask;
            }
            """, hosting: true);

        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal(
            "Job 'Cleanup.Run' is created per run from dependency injection with the constructor Cleanup(ILogger<Cleanup>, AppDb)",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task GS0026_names_the_constructors_that_tie_and_the_fix()
    {
        Diagnostic diagnostic = await AnalyzerHarness.SingleAsync(Services + """
            public sealed class Cleanup
            {
                public Cleanup(AppDb db) { }
                public Cleanup(Mailer mailer) { }
                [Interval(Minutes = 5)]
                public void Run() { }
            }
            """, hosting: true);

        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            "The scheduler cannot choose the constructor that creates 'Cleanup' from dependency injection to run instance method 'Cleanup.Run': "
            + "Cleanup(AppDb) and Cleanup(Mailer) both take the most parameters (1); mark the one to use with [ActivatorUtilitiesConstructor]",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Without_hosting_GS0007_says_to_reference_GenScheduler_Hosting_or_add_a_parameterless_constructor()
    {
        Diagnostic diagnostic = await AnalyzerHarness.SingleAsync(Services + """
            public sealed class Cleanup(AppDb db)
            {
                [Interval(Minutes = 5)]
                public void Run() { }
            }
            """);

        Assert.Equal("GS0007", diagnostic.Id);
        Assert.Equal(
            "The scheduler cannot create 'Cleanup' to run instance method 'Cleanup.Run': it has no parameterless constructor; "
            + "reference GenScheduler.Hosting and call services.AddGenScheduler() to have it created from dependency injection, "
            + "add a parameterless constructor, or make the method static",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Without_hosting_a_service_parameter_is_still_GS0002()
    {
        Diagnostic diagnostic = await AnalyzerHarness.SingleAsync(Services + """
            public static class Jobs
            {
                [Interval(Minutes = 5)]
                public static void Run(AppDb db) { }
            }
            """);

        Assert.Equal("GS0002", diagnostic.Id);
    }

    [Fact]
    public async Task The_analyzer_and_the_generator_agree_on_which_jobs_are_in_the_table()
    {
        const string Source = Services + """
            public sealed class Good(AppDb db) { [Interval(Minutes = 5)] public void Run() { } }
            public sealed class Tied { public Tied(AppDb db) { } public Tied(Mailer m) { } [Interval(Minutes = 5)] public void Run() { } }
            public static class Static { [Interval(Minutes = 5)] public static void Run(AppDb db) { } }
            """;
        var compilation = AnalyzerHarness.CompileWithHosting(Source);

        var errors = (await AnalyzerHarness.AnalyzeAsync(compilation)).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        (Compilation output, GeneratorDriverRunResult result) = AnalyzerHarness.Generate(compilation);

        Assert.Equal(["GS0026"], errors.Select(d => d.Id));
        string table = result.Results.Single().GeneratedSources.Single(s => s.HintName == "GenScheduler.ScheduledJobs.g.cs").SourceText.ToString();
        Assert.Contains("Good_Run", table, System.StringComparison.Ordinal);
        Assert.Contains("Static_Run", table, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Tied_Run", table, System.StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
