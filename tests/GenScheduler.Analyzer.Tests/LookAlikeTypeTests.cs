using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using GenScheduler.Analyzer.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenScheduler.Analyzer.Tests;

/// <summary>
/// A user's own type named like one the scheduler knows (<c>System.Threading.CancellationToken</c>,
/// <c>System.Threading.Tasks.ValueTask</c> or <c>Task</c>, <c>GenScheduler.JobContext</c>) is not that type: a method
/// using it is GS0002/GS0003 naming the assembly it comes from, and the generated code, which names none of those types,
/// still compiles, with every other job in it.
/// </summary>
public class LookAlikeTypeTests
{
    /// <summary>
    /// Each case: the look-alike, the method that uses it, the message, and jobs beside it that use the other real types
    /// (the look-alike's own name now means the look-alike everywhere in the user's code) and must stay in the table.
    /// </summary>
    public static readonly TheoryData<string, string, string, string> LookAlikes = new()
    {
        {
            "namespace System.Threading { public readonly struct CancellationToken { } }",
            "public static void Tick(System.Threading.CancellationToken token) { }",
            "Scheduled method 'Jobs.Tick' has parameter 'token' the scheduler cannot supply: its type 'System.Threading.CancellationToken' is not the runtime library's but one defined in 'UserAssembly'; take the System.Threading.CancellationToken of 'System.Runtime'",
            """
            [Interval(Seconds = 1)] public static Task WithTask(JobContext context) => Task.CompletedTask;
            [Interval(Seconds = 1)] private static ValueTask Private(JobContext context) => default;
            """
        },
        {
            "namespace GenScheduler { public readonly struct JobContext { } }",
            "public static void Tick(GenScheduler.JobContext context) { }",
            "Scheduled method 'Jobs.Tick' has parameter 'context' the scheduler cannot supply: its type 'GenScheduler.JobContext' is not the runtime library's but one defined in 'UserAssembly'; take the GenScheduler.JobContext of 'GenScheduler'",
            """
            [Interval(Seconds = 1)] public static Task WithTask(CancellationToken token) => Task.CompletedTask;
            [Interval(Seconds = 1)] private static ValueTask Private(CancellationToken token) => default;
            """
        },
        {
            "namespace System.Threading.Tasks { public readonly struct ValueTask { } }",
            "public static System.Threading.Tasks.ValueTask Tick() => default;",
            "Scheduled method 'Jobs.Tick' returns 'System.Threading.Tasks.ValueTask', which is not the runtime library's but one defined in 'UserAssembly'; return void, Task or ValueTask",
            """
            [Interval(Seconds = 1)] public static Task WithTask(CancellationToken token, JobContext context) => Task.CompletedTask;
            [Interval(Seconds = 1)] private static Task Private(JobContext context) => Task.CompletedTask;
            """
        },
        {
            "namespace System.Threading.Tasks { public class Task { } }",
            "public static System.Threading.Tasks.Task Tick() => new();",
            "Scheduled method 'Jobs.Tick' returns 'System.Threading.Tasks.Task', which is not the runtime library's but one defined in 'UserAssembly'; return void, Task or ValueTask",
            """
            [Interval(Seconds = 1)] public static ValueTask WithValueTask(CancellationToken token) => default;
            [Interval(Seconds = 1)] private static void Private(JobContext context) { }
            """
        },
    };

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public async Task A_look_alike_type_is_reported_and_the_generated_code_still_compiles(string lookAlike, string method, string expected, string goodJobs)
    {
        CSharpCompilation compilation = AnalyzerHarness.Compile(
            lookAlike + "\n\npublic static partial class Jobs\n{\n    [Interval(Seconds = 1)]\n    " + method + "\n\n    [Interval(Seconds = 1)] public static void Void() { }\n"
            + goodJobs + "\n}\n");

        ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation);
        Assert.Equal(expected, Assert.Single(diagnostics).GetMessage(CultureInfo.InvariantCulture));

        (Compilation output, GeneratorDriverRunResult result) = AnalyzerHarness.Generate(compilation);
        Assert.Null(result.Results.Single().Exception);
        string table = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("ScheduledJobs.g.cs", System.StringComparison.Ordinal)).ToString();
        Assert.DoesNotContain("Jobs.Tick", table, System.StringComparison.Ordinal);
        Assert.Equal(3, table.Split("new global::GenScheduler.JobDefinition(").Length - 1);
        Assert.Contains("\"Jobs.Void\"", table, System.StringComparison.Ordinal);
        Assert.Contains("\"Jobs.Private\"", table, System.StringComparison.Ordinal);

        // The look-alike's own CS0436 ("conflicts with the imported type") in the user's code is all there is.
        Diagnostic[] problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS0436").ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(d => d.ToString())));
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Location.SourceTree is { } tree && result.GeneratedTrees.Contains(tree));
    }
}
