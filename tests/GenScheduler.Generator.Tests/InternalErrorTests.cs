using System;
using System.Globalization;
using System.Linq;
using GenScheduler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Tests;

/// <summary>
/// A bug in the generator never drops a job silently: when extracting or writing one method throws (made to, through
/// the test-only <see cref="FaultInjection"/> hook), GS0022 names that method and the exception, and every other job is
/// still in the table, which still compiles.
/// </summary>
public class InternalErrorTests
{
    private const string Source = """
        namespace FaultInjected;

        public partial class Jobs
        {
            [Interval(Seconds = 1)] public static void Before() { }
            [Interval(Seconds = 1)] public static void Boom() { }
            [Interval(Seconds = 1)] private static void HiddenBoom() { }
            [Interval(Seconds = 1)] private static void Hidden() { }
            [Interval(Seconds = 1)] public static void After() { }
            [Job] public static void TargetBoom() { }
            [Job] private static void HiddenTargetBoom() { }
        }
        """;

    [Theory]
    [InlineData(nameof(FaultStage.Extraction), "Boom")]
    [InlineData(nameof(FaultStage.Extraction), "HiddenBoom")]
    [InlineData(nameof(FaultStage.Emission), "Boom")]
    [InlineData(nameof(FaultStage.Emission), "HiddenBoom")]
    [InlineData(nameof(FaultStage.Extraction), "TargetBoom")]
    [InlineData(nameof(FaultStage.Emission), "TargetBoom")]
    [InlineData(nameof(FaultStage.Emission), "HiddenTargetBoom")]
    public void A_failure_on_one_method_is_reported_naming_it_and_the_other_jobs_are_still_generated(string stageName, string method)
    {
        FaultStage stage = Enum.Parse<FaultStage>(stageName);
        string key = "global::FaultInjected.Jobs." + method + "()";
        GeneratorRun run;
        FaultInjection.Hook = (at, methodKey) =>
        {
            if (at == stage && methodKey == key)
            {
                throw new InvalidOperationException("injected for " + methodKey);
            }
        };
        try
        {
            run = GeneratorHarness.Run(Source);
        }
        finally
        {
            FaultInjection.Hook = null;
        }

        Assert.Null(run.RunResult.Results.Single().Exception);
        Diagnostic diagnostic = Assert.Single(run.RunResult.Diagnostics);
        Assert.Equal(("GS0022", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(
            $"GenScheduler failed to generate the job of '{key}' (System.InvalidOperationException: injected for {key}), so the job table leaves it out; this is a bug in GenScheduler, please report it with this message",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));

        run.AssertCompilesClean();
        Assert.DoesNotContain("\"FaultInjected.Jobs." + method + "\"", run.Table, StringComparison.Ordinal);
        foreach (string other in new[] { "Before", "Boom", "HiddenBoom", "Hidden", "After", "TargetBoom", "HiddenTargetBoom" }.Where(m => m != method))
        {
            Assert.Contains("\"FaultInjected.Jobs." + other + "\"", run.Table, StringComparison.Ordinal);
        }
    }
}
