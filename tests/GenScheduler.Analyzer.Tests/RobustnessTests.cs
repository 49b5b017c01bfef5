using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using GenScheduler.Analyzer.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Analyzer.Tests;

/// <summary>
/// A property-style test: many malformed inputs (random cron text, extreme numbers, missing and mistyped arguments,
/// attributes where they do not belong, half-typed code) go through the analyzer and the generator. Neither may ever
/// throw (no AD0001, no CS8785), and the generated code must compile whatever the user's code looks like. Seeded, so
/// every run sees the same inputs; a failure prints the source that caused it.
/// </summary>
public class RobustnessTests
{
    private static readonly string[] CronTokens =
    {
        "*", "?", "*/5", "*/0", "0", "59", "60", "-1", "1-5", "5-1", "1,2,3", "L", "LW", "15W", "5L", "1#2", "1#6", "MON", "MON-FRI", "JAN",
        "FOO", "", "  ", "2147483648", "99999999999999999999", "*/", "/5", ",", "-", "#", "@", "@daily", "@every_second", "@nope", "\t", "ü",
        "\"", "\\", "{", "}",
    };

    private static readonly string[] Numbers =
    {
        "0", "1", "-1", "int.MaxValue", "int.MinValue", "59", "1000", "-86399999", "2147483647", "(int)1e9",
    };

    private static readonly string[] Doubles =
    {
        "0", "-0.0", "1", "-1", "double.NaN", "double.PositiveInfinity", "double.NegativeInfinity", "double.MaxValue", "double.Epsilon", "1e300", "0.0001",
    };

    private static readonly string[] Instants =
    {
        "\"2026-12-01T09:00:00Z\"", "\"2026-12-01T09:00:00\"", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59-14:00\"", "\"\"", "null",
        "\"2026-02-30T00:00:00Z\"", "\"2026-12-01T09:00:00+25:00\"", "\"garbage\"", "\"2026-12-01T09:00:00.123456789Z\"",
    };

    private static readonly string[] TimeZones =
    {
        "\"Europe/Berlin\"", "\"W. Europe Standard Time\"", "\"\"", "null", "\"Mars/Base\"", "\"UTC\"", "\"America/Santiago\"", "\"Australia/Lord_Howe\"",
        "\"Asia/Kathmandu\"", "\"../../etc/passwd\"",
    };

    private static readonly string[] Shapes =
    {
        "public static void {0}() {{ }}",
        "public static async void {0}() => await Task.Yield();",
        "public static int {0}(ref int x) => x;",
        "private static Task {0}(CancellationToken a, JobContext b, CancellationToken c) => Task.CompletedTask;",
        "public void {0}<T>() {{ }}",
        "public static ValueTask {0}() => default;",
        "public static Task? {0}() => null;",
        "public abstract void {0}();",
        "public static void {0}(string s = \"x\", params int[] rest) {{ }}",
    };

    [Fact]
    public async Task Random_schedules_never_break_the_analyzer_or_the_generator()
    {
        var random = new Random(20261127);
        for (int round = 0; round < 40; round++)
        {
            var source = new StringBuilder();
            source.AppendLine(round % 3 == 0 ? "public abstract partial class Jobs" + round : "public static partial class Jobs" + round).AppendLine("{");
            for (int m = 0; m < 8; m++)
            {
                source.AppendLine("    " + RandomAttribute(random));
                if (random.Next(4) == 0)
                {
                    source.AppendLine("    " + RandomAttribute(random));
                }

                string shape = Shapes[random.Next(Shapes.Length)];
                if (round % 3 != 0)
                {
                    shape = shape.Replace("public void", "public static void", StringComparison.Ordinal)
                        .Replace("public abstract void", "public static void", StringComparison.Ordinal).Replace("();", "() {{ }}", StringComparison.Ordinal);
                }

                source.AppendLine("    " + string.Format(CultureInfo.InvariantCulture, shape, "M" + m));
            }

            source.AppendLine("}");
            await AssertSurvivesAsync(source.ToString());
        }
    }

    [Fact]
    public async Task Attributes_in_the_wrong_place_or_with_the_wrong_arguments_never_break_them()
    {
        string[] sources =
        {
            "[Interval(Seconds = 1)] public static class OnClass { }",
            "public static class OnField { [Cron(\"* * * * *\")] public static int Field; }",
            "public static class OnProperty { [Interval(Seconds = 1)] public static int P { get; set; } }",
            "public static class OnAccessor { public static int P { [Interval(Seconds = 1)] get => 1; } }",
            "public class OnConstructor { [Interval(Seconds = 1)] public OnConstructor() { } }",
            "public static class OnParameter { public static void M([Cron(\"* * * * *\")] int x) { } }",
            "public static class OnReturn { [return: Interval(Seconds = 1)] public static void M() { } }",
            "public static class Missing { [Cron] public static void M() { } [At] public static void N() { } }",
            "public static class Mistyped { [Cron(42)] public static void M() { } [Interval(Seconds = \"1\")] public static void N() { } [At(null)] public static void O() { } }",
            "public static class Named { [Cron(expression: \"0 9 * * *\", TimeZone = 5)] public static void M() { } [Interval(Secs = 1)] public static void N() { } }",
            "public static class Lambda { public static Action A = [Interval(Seconds = 1)] () => { }; }",
            "public static class Local { public static void M() { [Cron(\"* * * * *\")] void L() { } L(); } }",
            "public static class Extern { [Interval(Seconds = 1)] public static extern void M(); }",
            "public partial class Partial { [Interval(Seconds = 1)] partial void M(); partial void M() { } }",
            "public partial class PartialTwice { [Interval(Seconds = 1)] public partial void M(); [Interval(Seconds = 1)] public partial void M() { } }",
            "public static class Const { const string C = \"0 0 \" + \"* * *\"; [Cron(C, Name = nameof(Const))] public static void M() { } }",
            "public interface IJobs { [Interval(Seconds = 1)] static void M() { } [Cron(\"@daily\")] static abstract void N(); }",
            "public record R(int X) { [Interval(Seconds = 1)] public void M() { } }",
            "public static class Obsolete { [System.Obsolete(\"x\", true)] [Interval(Seconds = 1)] public static void M() { } }",
            "namespace GenScheduler { public sealed class IntervalAttribute2 : System.Attribute { } }",
            "[Job] public static class JobOnClass { }",
            "public static class JobTwice { [Job, Job(Name = \"x\")] public static void M() { } }",
            "public static class JobMistyped { [Job(Name = 5, Executor = 1, MaxInstances = \"2\")] public static void M() { } [Job(\"x\")] public static void N() { } }",
            "public static class JobLocal { public static void M() { [Job] void L() { } L(); } }",
            "public static class JobLambda { public static Action A = [Job] () => { }; }",
            "public partial class JobPartial { [Job] partial void M(); [Interval(Seconds = 1)] partial void M() { } }",
            "public static class JobExecutors { [Job(Executor = (JobExecutor)long.MaxValue)] public static void M() { } [Interval(Seconds = 1, Executor = (JobExecutor)(-1))] public static void N() { } }",
        };

        foreach (string source in sources)
        {
            await AssertSurvivesAsync(source);
        }
    }

    [Fact]
    public async Task Half_typed_code_never_breaks_them()
    {
        const string Program = """
            namespace MyApp;

            public partial class Jobs
            {
                [Interval(Minutes = 1, Seconds = 30, Start = "2026-12-01T09:00:00Z", JitterSeconds = 2)]
                [Cron("0 30 2 * * *", TimeZone = "Europe/Berlin", End = "2027-01-01T00:00:00+01:00")]
                private async Task Report(JobContext context, CancellationToken token) => await Task.Delay(1, token);

                [At("2026-12-24T18:00:00Z", Name = "eve", TimeoutSeconds = 5, RunOnStart = true)]
                public static ValueTask Eve() => default;
            }
            """;

        // Every prefix an editor passes through while the user types, at a stride that keeps the test fast.
        for (int length = 0; length <= Program.Length; length += 7)
        {
            await AssertSurvivesAsync(Program[..length]);
        }

        // And with a few characters deleted from the middle.
        var random = new Random(7);
        for (int i = 0; i < 30; i++)
        {
            int at = random.Next(Program.Length - 5);
            await AssertSurvivesAsync(Program.Remove(at, random.Next(1, 5)));
        }
    }

    private static string RandomAttribute(Random random)
    {
        var arguments = new List<string>();
        string kind;
        switch (random.Next(3))
        {
            case 0:
                kind = "Interval";
                foreach (string unit in new[] { "Days", "Hours", "Minutes", "Seconds", "Milliseconds" })
                {
                    if (random.Next(3) == 0)
                    {
                        arguments.Add(unit + " = " + Numbers[random.Next(Numbers.Length)]);
                    }
                }

                break;
            case 1:
                kind = "Cron";
                int fields = random.Next(9);
                string cron = string.Join(random.Next(5) == 0 ? "  " : " ", Enumerable.Range(0, fields).Select(_ => CronTokens[random.Next(CronTokens.Length)]));
                arguments.Add(Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(cron, quote: true));
                if (random.Next(2) == 0)
                {
                    arguments.Add("TimeZone = " + TimeZones[random.Next(TimeZones.Length)]);
                }

                break;
            default:
                kind = "At";
                arguments.Add(Instants[random.Next(Instants.Length)]);
                break;
        }

        if (kind != "At" && random.Next(3) == 0)
        {
            arguments.Add("Start = " + Instants[random.Next(Instants.Length)]);
        }

        if (kind != "At" && random.Next(3) == 0)
        {
            arguments.Add("End = " + Instants[random.Next(Instants.Length)]);
        }

        foreach (string option in new[] { "MisfireGraceSeconds", "JitterSeconds", "TimeoutSeconds" })
        {
            if (random.Next(4) == 0)
            {
                arguments.Add(option + " = " + Doubles[random.Next(Doubles.Length)]);
            }
        }

        if (random.Next(4) == 0)
        {
            arguments.Add("MaxInstances = " + Numbers[random.Next(Numbers.Length)]);
        }

        if (random.Next(5) == 0)
        {
            arguments.Add("Name = " + (random.Next(2) == 0 ? "\"same\"" : "\" \""));
        }

        return "[" + kind + (arguments.Count == 0 ? string.Empty : "(" + string.Join(", ", arguments) + ")") + "]";
    }

    private static async Task AssertSurvivesAsync(string source)
    {
        Compilation compilation = AnalyzerHarness.Compile(source);
        ImmutableArray<Diagnostic> analyzerDiagnostics = await AnalyzerHarness.AnalyzeAsync(compilation);
        Assert.False(analyzerDiagnostics.Any(d => d.Id == "AD0001"),
            "The analyzer threw:\n" + string.Join("\n", analyzerDiagnostics.Where(d => d.Id == "AD0001")) + "\nSource:\n" + source);

        (Compilation output, GeneratorDriverRunResult result) = AnalyzerHarness.Generate(compilation);
        Assert.True(result.Results.Single().Exception is null, "The generator threw: " + result.Results.Single().Exception + "\nSource:\n" + source);
        Assert.True(result.Diagnostics.IsEmpty, "The generator reported:\n" + string.Join("\n", result.Diagnostics) + "\nSource:\n" + source);

        var generated = result.GeneratedTrees.ToHashSet();
        Diagnostic[] inGenerated = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generated.Contains(tree))
            .ToArray();
        Assert.True(inGenerated.Length == 0,
            "The generated code does not compile:\n" + string.Join("\n", inGenerated.Select(d => d.ToString())) + "\nSource:\n" + source);
    }
}
