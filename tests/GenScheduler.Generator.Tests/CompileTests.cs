using System;
using System.Linq;
using GenScheduler.Generator.Emit;
using GenScheduler.Generator.Tests.Infrastructure;

namespace GenScheduler.Generator.Tests;

/// <summary>The generated code compiles clean next to user code, and unusable methods are left out quietly.</summary>
public class CompileTests
{
    /// <summary>Every shape the generator cannot use, next to one it can. Each compiles on its own; none may break the build.</summary>
    internal const string UnsupportedShapes = """
        namespace Bad
        {
            public static class Methods
            {
                [Interval(Seconds = 1)] public static void Good() { }

                [Interval(Seconds = 1)] public static void Generic<T>() { }
                [Interval(Seconds = 1)] public static void ByRef(ref int value) { }
                [Interval(Seconds = 1)] public static void InParameter(in CancellationToken token) { }
                [Interval(Seconds = 1)] public static async void AsyncVoid() => await Task.Yield();
                [Interval(Seconds = 1)] public static int WrongReturn() => 1;
                [Interval(Seconds = 1)] public static Task<int> TaskOfInt() => Task.FromResult(1);
                [Interval(Seconds = 1)] public static Task? NullableTask() => null;
                [Interval(Seconds = 1)] public static void UnknownParameter(string name) { }
                [Interval(Seconds = 1)] public static void TwoTokens(CancellationToken a, CancellationToken b) { }
                [Interval(Seconds = 1)] public static void ArgList(__arglist) { }
                [Interval] public static void ZeroInterval() { }
                [Interval(Seconds = -5)] public static void NegativeInterval() { }
                [Interval(Days = int.MaxValue, Hours = int.MaxValue)] public static void Overflow() { }
                [Cron("")] public static void EmptyCron() { }
                [Cron("* * *")] public static void ThreeFields() { }
                [Cron("0 0 32 * *")] public static void BadDay() { }
                [Cron("@fortnightly")] public static void BadMacro() { }
                [Interval(Seconds = 1, MaxInstances = 0)] public static void NoInstances() { }
                [Interval(Seconds = 1, MisfireGraceSeconds = -1)] public static void NegativeGrace() { }
                [Interval(Seconds = 1, MisfireGraceSeconds = double.NaN)] public static void NaNGrace() { }
                [Interval(Seconds = 1, MisfireGraceSeconds = 0)] public static void ZeroGrace() { }
                [Interval(Seconds = 1, MisfireGraceSeconds = 1e-8)] public static void GraceOfNoTicks() { }
                [Interval(Seconds = 1, Name = " ")] public static void BlankName() { }
                [Interval(Seconds = 1, Name = "Bad.Methods.Good")] public static void DuplicateId() { }
                [Cron("0 0 30 2 *")] public static void NeverFires() { }
                [Cron("0 0 1 1 *", Start = "2026-02-01T00:00:00Z", End = "2026-12-01T00:00:00Z")] public static void NeverInWindow() { }
                [Interval(Seconds = 1, Start = "2026-12-01T09:00:00")] public static void NoOffset() { }
                [Interval(Seconds = 1, End = "next Tuesday")] public static void Unparsable() { }
                [Interval(Seconds = 1, Start = "2026-12-02T00:00:00Z", End = "2026-12-01T00:00:00Z")] public static void EndBeforeStart() { }
                [At("2026-12-24 18:00")] public static void BadAt() { }
                [At("")] public static void EmptyAt() { }
                [Interval(Seconds = 1, JitterSeconds = -1)] public static void NegativeJitter() { }
                [Interval(Seconds = 1, JitterSeconds = 1)] public static void JitterAsLongAsInterval() { }
                [Interval(Seconds = 1, TimeoutSeconds = -2)] public static void NegativeTimeout() { }
                [Interval(Seconds = 1, TimeoutSeconds = double.NaN)] public static void NaNTimeout() { }
                [System.Obsolete("Gone", true)] [Interval(Seconds = 1)] public static void ObsoleteError() { }

                public static void HasLocalFunction()
                {
                    [Interval(Seconds = 1)] static void Local() { }
                    Local();
                }
            }

            public class NotPartial
            {
                [Interval(Seconds = 1)] private static void Private() { }
                [Interval(Seconds = 1)] protected static void Protected() { }
            }

            public partial class PartialInsideNonPartial
            {
                private class Hidden
                {
                    [Interval(Seconds = 1)] public static void InPrivateType() { }
                }
            }

            public abstract class Abstract
            {
                [Interval(Seconds = 1)] public void Instance() { }
            }

            public class NeedsArguments
            {
                public NeedsArguments(int value) { }

                [Interval(Seconds = 1)] public void Instance() { }
            }

            public class HasRequired
            {
                public required string Name { get; init; }

                [Interval(Seconds = 1)] public void Instance() { }
            }

            public interface IJob
            {
                [Interval(Seconds = 1)] void Run();
                [Interval(Seconds = 1)] static virtual void StaticVirtual() { }
                [Interval(Seconds = 1)] static abstract void StaticAbstract();
            }

            public static class Generic<T>
            {
                [Interval(Seconds = 1)] public static void InGenericType() { }
            }

            file static class FileLocal
            {
                [Interval(Seconds = 1)] public static void InFileLocalType() { }
            }
        }
        """;

    [Fact]
    public void Generated_code_and_user_code_compile_without_any_diagnostic()
    {
        GeneratorRun run = GeneratorHarness.Run(
            """
            namespace MyApp
            {
                public partial class Jobs
                {
                    [Interval(Seconds = 3)] public static void Tick() { }
                    [Interval(Minutes = 1), Cron("0 9 * * 1-5", TimeZone = "Europe/Berlin")] private Task Report(CancellationToken token) => Task.CompletedTask;
                    [Cron("*/5 * * * * *", MisfireGraceSeconds = double.PositiveInfinity, Coalesce = false, MaxInstances = 2)]
                    internal ValueTask Poll(JobContext context, CancellationToken token) => default;
                }

                public readonly partial record struct Probe
                {
                    [Interval(Milliseconds = 250)] private void Ping() { }
                }

                public ref partial struct Stack
                {
                    [Interval(Seconds = 1)] private static void Sweep() { }
                }
            }
            """);

        run.AssertGeneratorClean().AssertCompilesClean();
        Assert.Equal(
            [JobTableEmitter.HintName, "GenScheduler.Thunks.MyApp.Jobs.g.cs", "GenScheduler.Thunks.MyApp.Probe.g.cs", "GenScheduler.Thunks.MyApp.Stack.g.cs"],
            run.Sources.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Unsupported_methods_are_skipped_without_generator_errors_and_the_output_compiles()
    {
        GeneratorRun run = GeneratorHarness.Run(UnsupportedShapes);

        run.AssertGeneratorClean().AssertCompilesClean();
        Assert.Equal([JobTableEmitter.HintName], run.Sources.Keys);
        Assert.Contains("\"Bad.Methods.Good\"", run.Table, StringComparison.Ordinal);
        Assert.Contains("The one job declared in this assembly.", run.Table, StringComparison.Ordinal);
    }

    [Fact]
    public void The_empty_table_compiles_so_ScheduledJobs_All_can_always_be_used()
    {
        GeneratorRun run = GeneratorHarness.Run(
            """
            namespace MyApp;

            public static class Program
            {
                public static int Count() => global::MyApp.ScheduledJobs.All.Count;
            }
            """);

        run.AssertGeneratorClean().AssertCompilesClean();
        Assert.Contains("global::System.Array.Empty<global::GenScheduler.JobDefinition>()", run.Table, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_runtime_nothing_is_generated()
    {
        var compilation = GeneratorHarness.Compile(withRuntime: false, "namespace MyApp { public static class Nothing { } }");
        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Null(run.RunResult.Results.Single().Exception);
        Assert.Empty(run.RunResult.Results.Single().GeneratedSources);
    }
}
