using System;
using System.Linq;
using System.Threading.Tasks;
using GenScheduler.Analyzer.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Analyzer.Tests;

/// <summary>
/// Each diagnostic fires at the exact span of the mistake (the markup <c>{|GS00nn:…|}</c> marks it), and its valid
/// neighbour, one edit away, reports nothing.
/// </summary>
public class DiagnosticTests
{
    /// <summary>A mistake per case, marked where the squiggle must be.</summary>
    public static readonly TheoryData<string, string> Mistakes = new()
    {
        { "GS0001 generic method", """
            public static class Jobs { [Interval(Seconds = 1)] public static void Tick{|GS0001:<T>|}() { } }
            """ },
        { "GS0001 generic type", """
            public static class Jobs<T> { [Interval(Seconds = 1)] public static void {|GS0001:Tick|}() { } }
            """ },
        { "GS0002 parameter type", """
            public static class Jobs { [Interval(Seconds = 1)] public static void Tick({|GS0002:string name|}) { } }
            """ },
        { "GS0002 ref parameter", """
            public static class Jobs { [Interval(Seconds = 1)] public static void Tick({|GS0002:ref CancellationToken token|}) { } }
            """ },
        { "GS0002 two tokens", """
            public static class Jobs { [Interval(Seconds = 1)] public static void Tick(CancellationToken a, {|GS0002:CancellationToken b|}) { } }
            """ },
        { "GS0002 __arglist", """
            public static class Jobs { [Interval(Seconds = 1)] public static void Tick({|GS0002:__arglist|}) { } }
            """ },
        { "GS0003 return type", """
            public static class Jobs { [Interval(Seconds = 1)] public static {|GS0003:Task<int>|} Tick() => Task.FromResult(1); }
            """ },
        { "GS0004 async void", """
            public static class Jobs { [Interval(Seconds = 1)] public static async {|GS0004:void|} Tick() => await Task.Yield(); }
            """ },
        { "GS0005 abstract", """
            public abstract class Jobs { [Interval(Seconds = 1)] public abstract void {|GS0005:Tick|}(); }
            """ },
        { "GS0005 static virtual interface member", """
            public interface IJobs { [Interval(Seconds = 1)] static virtual void {|GS0005:Tick|}() { } }
            """ },
        { "GS0005 static abstract interface member", """
            public interface IJobs { [Interval(Seconds = 1)] static abstract void {|GS0005:Tick|}(); }
            """ },
        { "GS0005 local function", """
            public static class Jobs
            {
                public static void Outer()
                {
                    [{|GS0005:Interval(Seconds = 1)|}] static void Local() { }
                    Local();
                }
            }
            """ },
        { "GS0005 operator", """
            public struct Money { [Interval(Seconds = 1)] public static Money operator {|GS0005:+|}(Money a, Money b) => a; }
            """ },
        { "GS0005 accessor", """
            public static class Jobs { public static int P { [Interval(Seconds = 1)] {|GS0005:get|} => 1; } }
            """ },
        { "GS0006 private in non-partial type", """
            public class Jobs { [Interval(Seconds = 1)] private static void {|GS0006:Tick|}() { } }
            """ },
        { "GS0006 nested in a private type", """
            public partial class Outer { private class Hidden { [Interval(Seconds = 1)] public static void {|GS0006:Tick|}() { } } }
            """ },
        { "GS0006 file-local type", """
            file static class Jobs { [Interval(Seconds = 1)] public static void {|GS0006:Tick|}() { } }
            """ },
        { "GS0006 obsolete as an error", """
            public static class Jobs { [System.Obsolete("Gone", true)] [Interval(Seconds = 1)] public static void {|GS0006:Tick|}() { } }
            """ },
        { "GS0007 abstract type", """
            public abstract class Jobs { [Interval(Seconds = 1)] public void {|GS0007:Tick|}() { } }
            """ },
        { "GS0007 no parameterless constructor", """
            public class Jobs { public Jobs(int x) { } [Interval(Seconds = 1)] public void {|GS0007:Tick|}() { } }
            """ },
        { "GS0008 explicit name clash", """
            public static class Jobs
            {
                [Interval(Seconds = 1, Name = "tick")] public static void A() { }
                [Interval(Seconds = 1, {|GS0008:Name = "tick"|})] public static void B() { }
            }
            """ },
        { "GS0008 overloads", """
            public static class Jobs
            {
                [Interval(Seconds = 1)] public static void Tick() { }
                [Interval(Seconds = 2)] public static void {|GS0008:Tick|}(CancellationToken token) { }
            }
            """ },
        { "GS0009 identical attributes", """
            public static class Jobs { [Interval(Seconds = 1)] [{|GS0009:Interval(Seconds = 1)|}] public static void Tick() { } }
            """ },
        { "GS0010 bad field", """
            public static class Jobs { [Cron({|GS0010:"0 0 32 * *"|})] public static void Tick() { } }
            """ },
        { "GS0010 field count", """
            public static class Jobs { [Cron({|GS0010:"* * *"|})] public static void Tick() { } }
            """ },
        { "GS0010 empty", """
            public static class Jobs { [Cron({|GS0010:""|})] public static void Tick() { } }
            """ },
        { "GS0011 February 30", """
            public static class Jobs { [Cron({|GS0011:"0 0 30 2 *"|})] public static void Tick() { } }
            """ },
        { "GS0011 outside Start and End", """
            public static class Jobs { [Cron({|GS0011:"0 0 1 1 *"|}, Start = "2026-02-01T00:00:00Z", End = "2026-12-01T00:00:00Z")] public static void Tick() { } }
            """ },
        { "GS0012 zero", """
            public static class Jobs { [Interval({|GS0012:Seconds = 0|})] public static void Tick() { } }
            """ },
        { "GS0012 negative", """
            public static class Jobs { [Interval({|GS0012:Minutes = -5|})] public static void Tick() { } }
            """ },
        { "GS0012 no unit", """
            public static class Jobs { [{|GS0012:Interval|}] public static void Tick() { } }
            """ },
        { "GS0012 units that cancel out", """
            public static class Jobs { [{|GS0012:Interval(Minutes = 1, Seconds = -60)|}] public static void Tick() { } }
            """ },
        { "GS0013 shorter than the timer", """
            public static class Jobs { [Interval({|GS0013:Milliseconds = 5|})] public static void Tick() { } }
            """ },
        { "GS0014 unknown time zone", """
            public static class Jobs { [Cron("0 9 * * *", {|GS0014:TimeZone = "Mars/Olympus_Mons"|})] public static void Tick() { } }
            """ },
        { "GS0015 Windows time zone", """
            public static class Jobs { [Cron("0 9 * * *", {|GS0015:TimeZone = "W. Europe Standard Time"|})] public static void Tick() { } }
            """ },
        { "GS0027 day of month and day of week both restricted, five or six fields; one of them or '?' is fine", """
            public static class Jobs
            {
                [Cron({|GS0027:"0 0 1 * MON"|})] [Cron({|GS0027:"0 0 9 L * 1-5"|})] [Cron("0 0 1 * *")] [Cron("0 0 * * MON")] [Cron("0 0 0 ? * MON")] [Cron("@monthly")]
                public static void Tick() { }
            }
            """ },
        { "GS0016 spring gap, GS0020 autumn overlap", """
            public static class Jobs { [Cron({|GS0016:{|GS0020:"0 30 2 * * *"|}|}, TimeZone = "Europe/Berlin")] public static void Tick() { } }
            """ },
        { "GS0020 autumn overlap only", """
            public static class Jobs { [Cron({|GS0020:"0 30 1 * * *"|}, TimeZone = "America/New_York")] public static void Tick() { } }
            """ },
        { "GS0017 max instances", """
            public static class Jobs { [Interval(Seconds = 1, {|GS0017:MaxInstances = 0|})] public static void Tick() { } }
            """ },
        { "GS0017 negative grace", """
            public static class Jobs { [Interval(Seconds = 1, {|GS0017:MisfireGraceSeconds = -1|})] public static void Tick() { } }
            """ },
        { "GS0017 negative jitter", """
            public static class Jobs { [Interval(Seconds = 1, {|GS0017:JitterSeconds = -1|})] public static void Tick() { } }
            """ },
        { "GS0017 jitter not below the interval", """
            public static class Jobs { [Interval(Seconds = 10, {|GS0017:JitterSeconds = 10|})] public static void Tick() { } }
            """ },
        { "GS0017 negative timeout", """
            public static class Jobs { [Interval(Seconds = 1, {|GS0017:TimeoutSeconds = -3|})] public static void Tick() { } }
            """ },
        { "GS0017 a timeout that rounds to no time at all", """
            public static class Jobs { [Interval(Seconds = 1, {|GS0017:TimeoutSeconds = 1e-9|})] public static void Tick() { } }
            """ },
        { "GS0017 a timeout longer than a TimeSpan", """
            public static class Jobs { [Interval(Seconds = 1, {|GS0017:TimeoutSeconds = 1e12|})] public static void Tick() { } }
            """ },
        { "GS0017 TimeSpan.MaxValue in seconds, which rounds up past it", """
            public static class Jobs { [Interval(Seconds = 1, {|GS0017:MisfireGraceSeconds = 922337203685.4775807|})] public static void Tick() { } }
            """ },
        { "GS0017 infinite jitter", """
            public static class Jobs { [Cron("0 9 * * *", {|GS0017:JitterSeconds = double.PositiveInfinity|})] public static void Tick() { } }
            """ },
        { "GS0017 blank name", """
            public static class Jobs { [Interval(Seconds = 1, {|GS0017:Name = " "|})] public static void Tick() { } }
            """ },
        { "GS0018 no offset", """
            public static class Jobs { [Interval(Seconds = 1, {|GS0018:Start = "2026-12-01T09:00:00"|})] public static void Tick() { } }
            """ },
        { "GS0018 unparsable At", """
            public static class Jobs { [At({|GS0018:"Christmas Eve"|})] public static void Tick() { } }
            """ },
        { "GS0019 end before start", """
            public static class Jobs { [Cron("0 9 * * *", Start = "2026-12-02T00:00:00Z", {|GS0019:End = "2026-12-01T00:00:00Z"|})] public static void Tick() { } }
            """ },
        { "GS0021 an [At] instant in the past", """
            public static class Jobs { [At({|GS0021:"2025-12-31T23:59:59Z"|})] public static void Tick() { } }
            """ },
        { "GS0021 an End in the past", """
            public static class Jobs { [Cron("0 9 * * *", Start = "2025-01-01T00:00:00Z", {|GS0021:End = "2025-06-30T00:00:00+02:00"|})] public static void Tick() { } }
            """ },
    };

    /// <summary>The valid neighbour of each mistake: nothing to report.</summary>
    public static readonly TheoryData<string, string> Neighbours = new()
    {
        { "GS0001", "public static class Jobs { [Interval(Seconds = 1)] public static void Tick() { } }" },
        { "GS0002", "public static class Jobs { [Interval(Seconds = 1)] public static void Tick(CancellationToken token, JobContext context) { } }" },
        { "GS0003", "public static class Jobs { [Interval(Seconds = 1)] public static ValueTask Tick() => default; }" },
        { "GS0004", "public static class Jobs { [Interval(Seconds = 1)] public static async Task Tick() => await Task.Yield(); }" },
        { "GS0005", "public class Jobs { [Interval(Seconds = 1)] public virtual void Tick() { } }" },
        { "GS0005 static interface member", "public interface IJobs { [Interval(Seconds = 1)] static void Tick() { } }" },
        { "GS0006", "public partial class Jobs { [Interval(Seconds = 1)] private static void Tick() { } }" },
        { "GS0006 internal nested", "public class Outer { internal class Hidden { [Interval(Seconds = 1)] public static void Tick() { } } }" },
        { "GS0007", "public class Jobs { public Jobs() { } [Interval(Seconds = 1)] public void Tick() { } }" },
        { "GS0008", """
            public static class Jobs
            {
                [Interval(Seconds = 1, Name = "tick")] public static void A() { }
                [Interval(Seconds = 1, Name = "tock")] public static void B() { }
                [Interval(Seconds = 2, Name = "Jobs.Tick(token)")] public static void Tick(CancellationToken token) { }
                [Interval(Seconds = 2)] public static void Tick() { }
            }
            """ },
        { "GS0009", "public static class Jobs { [Interval(Seconds = 1)] [Interval(Seconds = 2)] public static void Tick() { } }" },
        { "GS0010", "public static class Jobs { [Cron(\"0 0 31 * *\")] [Cron(\"*/5 * * * * *\")] [Cron(\"@daily\")] public static void Tick() { } }" },
        { "GS0011", "public static class Jobs { [Cron(\"0 0 29 2 *\")] [Cron(\"0 0 1 1 *\", Start = \"2026-02-01T00:00:00Z\", End = \"2027-02-01T00:00:00Z\")] public static void Tick() { } }" },
        { "GS0012", "public static class Jobs { [Interval(Minutes = 1, Seconds = -30)] public static void Tick() { } }" },
        { "GS0013", "public static class Jobs { [Interval(Milliseconds = 16)] public static void Tick() { } }" },
        { "GS0014", "public static class Jobs { [Cron(\"0 9 * * *\", TimeZone = \"America/New_York\")] [Cron(\"0 9 * * *\", TimeZone = \"UTC\")] public static void Tick() { } }" },
        { "GS0015", "public static class Jobs { [Cron(\"0 9 * * *\", TimeZone = \"Europe/Berlin\")] public static void Tick() { } }" },
        { "GS0016", "public static class Jobs { [Cron(\"0 30 2 * * *\", TimeZone = \"Asia/Tokyo\")] [Cron(\"0 */15 * * * *\", TimeZone = \"Europe/Berlin\")] public static void Tick() { } }" },
        { "GS0017", "public static class Jobs { [Interval(Seconds = 10, MaxInstances = 2, MisfireGraceSeconds = 1e-7, JitterSeconds = 9.5, TimeoutSeconds = 0, Name = \"tick\")] public static void Tick() { } }" },
        { "GS0017 the smallest and largest times a TimeSpan holds", "public static class Jobs { [Cron(\"0 9 * * *\", TimeoutSeconds = 1e-7, MisfireGraceSeconds = 5e-8, JitterSeconds = 922337203685)] public static void Tick() { } [Interval(Seconds = 1, TimeoutSeconds = 9e11)] public static void Tock() { } }" },
        { "GS0018", "public static class Jobs { [Interval(Seconds = 1, Start = \"2026-12-01T09:00:00+01:00\")] [At(\"2026-12-24T18:00Z\")] public static void Tick() { } }" },
        { "GS0021", "public static class Jobs { [At(\"2026-01-01T00:00:01Z\")] [Interval(Seconds = 1, Start = \"2020-01-01T00:00:00Z\", End = \"2026-01-01T01:00:00+01:00\")] public static void Tick() { } }" },
        { "GS0020", "public static class Jobs { [Cron(\"0 30 3 * * *\", TimeZone = \"Europe/Berlin\")] public static void Tick() { } }" },
        { "GS0019", "public static class Jobs { [Cron(\"0 9 * * *\", Start = \"2026-12-01T00:00:00Z\", End = \"2026-12-02T00:00:00Z\")] [Interval(Seconds = 1, Start = \"2026-12-01T00:00:00Z\", End = \"2026-12-01T00:00:00Z\")] public static void Tick() { } }" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public Task A_mistake_is_reported_at_its_exact_span(string name, string markup)
    {
        Assert.NotEmpty(name);
        return AnalyzerHarness.VerifyAsync(markup);
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task The_generator_leaves_out_every_method_the_analyzer_reports_an_error_on(string name, string markup)
    {
        (string source, _) = Markup.Parse(markup);
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = AnalyzerHarness.Compile(source);
        var errors = (await AnalyzerHarness.AnalyzeAsync(compilation))
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id is not "GS0008" and not "GS0014")
            .ToList();
        (Compilation output, GeneratorDriverRunResult result) = AnalyzerHarness.Generate(compilation);
        string table = result.GeneratedTrees.FirstOrDefault()?.ToString() ?? string.Empty;

        foreach (Diagnostic error in errors)
        {
            SemanticModel model = compilation.GetSemanticModel(error.Location.SourceTree!);
            IMethodSymbol? method = error.Location.SourceTree!.GetRoot().FindToken(error.Location.SourceSpan.Start).Parent!
                .AncestorsAndSelf().Select(node => model.GetDeclaredSymbol(node)).OfType<IMethodSymbol>().FirstOrDefault();
            Assert.True(method is not null, $"{name}: no method at {error}");
            Assert.DoesNotContain("." + method!.Name + "(", table, StringComparison.Ordinal);
        }

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && result.GeneratedTrees.Contains(tree)));
    }

    [Theory]
    [MemberData(nameof(Neighbours))]
    public Task The_valid_neighbour_reports_nothing(string name, string source)
    {
        Assert.NotEmpty(name);
        return AnalyzerHarness.VerifyAsync(source);
    }
}
