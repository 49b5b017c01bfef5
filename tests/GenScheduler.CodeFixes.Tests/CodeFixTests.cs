using System.Threading.Tasks;

namespace GenScheduler.CodeFixes.Tests;

/// <summary>Each code fix applied to a real diagnostic, checking the source it produces (which must compile, without the diagnostic).</summary>
public class CodeFixTests
{
    [Fact]
    public async Task Make_the_containing_type_partial()
    {
        string result = await CodeFixHarness.ApplyAsync(new MakeTypePartialCodeFix(), """
            using GenScheduler;

            namespace MyApp;

            public class Jobs
            {
                [Interval(Seconds = 5)]
                private static void Tick() { }
            }
            """, "GS0006");

        Assert.Equal("""
            using GenScheduler;

            namespace MyApp;

            public partial class Jobs
            {
                [Interval(Seconds = 5)]
                private static void Tick() { }
            }
            """, CodeFixHarness.Lines(result));
    }

    [Fact]
    public async Task Make_every_type_in_the_chain_partial_keeping_the_indentation()
    {
        string result = await CodeFixHarness.ApplyAsync(new MakeTypePartialCodeFix(), """
            using GenScheduler;

            namespace MyApp
            {
                static class Outer
                {
                    internal sealed class Inner
                    {
                        private Inner() { }

                        [Cron("0 3 * * *")]
                        private void Cleanup() { }
                    }
                }
            }
            """, "GS0006");

        Assert.Equal("""
            using GenScheduler;

            namespace MyApp
            {
                static partial class Outer
                {
                    internal sealed partial class Inner
                    {
                        private Inner() { }

                        [Cron("0 3 * * *")]
                        private void Cleanup() { }
                    }
                }
            }
            """, CodeFixHarness.Lines(result));
    }

    [Fact]
    public async Task Make_a_type_without_modifiers_partial()
    {
        string result = await CodeFixHarness.ApplyAsync(new MakeTypePartialCodeFix(), """
            using GenScheduler;

            class Jobs
            {
                [Interval(Seconds = 5)]
                private static void Tick() { }
            }
            """, "GS0006");

        Assert.StartsWith("using GenScheduler;\n\npartial class Jobs\n{", CodeFixHarness.Lines(result), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_partial_fix_for_a_type_that_is_not_accessible()
    {
        var titles = await CodeFixHarness.TitlesAsync(new MakeTypePartialCodeFix(), """
            using GenScheduler;

            public partial class Outer
            {
                private class Hidden
                {
                    [Interval(Seconds = 1)] public static void Tick() { }
                }
            }
            """, "GS0006");

        Assert.Empty(titles);
    }

    [Fact]
    public async Task Change_async_void_to_async_Task()
    {
        string result = await CodeFixHarness.ApplyAsync(new AsyncVoidCodeFix(), """
            using System.Threading.Tasks;
            using GenScheduler;

            public static class Jobs
            {
                [Interval(Minutes = 1)]
                public static async void Sync() => await Task.Delay(1);
            }
            """, "GS0004");

        Assert.Equal("""
            using System.Threading.Tasks;
            using GenScheduler;

            public static class Jobs
            {
                [Interval(Minutes = 1)]
                public static async Task Sync() => await Task.Yield();
            }
            """.Replace("Task.Yield()", "Task.Delay(1)", System.StringComparison.Ordinal), CodeFixHarness.Lines(result));
    }

    [Fact]
    public async Task Change_async_void_to_async_Task_adding_the_using()
    {
        string result = await CodeFixHarness.ApplyAsync(new AsyncVoidCodeFix(), """
            using GenScheduler;

            public static class Jobs
            {
                [Interval(Minutes = 1)]
                public static async void Sync() => await System.Threading.Tasks.Task.Yield();
            }
            """, "GS0004");

        Assert.Contains("using System.Threading.Tasks;", result, System.StringComparison.Ordinal);
        Assert.Contains("public static async Task Sync()", result, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_a_Windows_time_zone_with_its_IANA_id()
    {
        string result = await CodeFixHarness.ApplyAsync(new TimeZoneCodeFix(), """
            using GenScheduler;

            public static class Jobs
            {
                [Cron("0 9 * * 1-5", TimeZone = "W. Europe Standard Time")]
                public static void Standup() { }
            }
            """, "GS0015");

        Assert.Contains("""[Cron("0 9 * * 1-5", TimeZone = "Europe/Berlin")]""", result, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 30 9 * *", "Read the first field as seconds: \"0 30 9 * * *\"", "0 30 9 * * *")]
    [InlineData("0 9 * * 1 2026", "Remove the sixth field: \"0 9 * * 1\"", "0 9 * * 1")]
    [InlineData("0 0 12 * * ? 2026", "Remove the year field: \"0 0 12 * * ?\"", "0 0 12 * * ?")]
    public async Task Convert_a_cron_expression_to_the_field_count_it_was_meant_for(string expression, string title, string expected)
    {
        string source = $$"""
            using GenScheduler;

            public static class Jobs
            {
                [Cron("{{expression}}")]
                public static void Report() { }
            }
            """;

        string result = await CodeFixHarness.ApplyAsync(new CronFieldsCodeFix(), source, "GS0010", title);

        Assert.Equal(source.Replace(expression, expected, System.StringComparison.Ordinal), CodeFixHarness.Lines(result));
    }

    [Fact]
    public async Task No_cron_fix_when_no_other_field_count_parses()
    {
        var titles = await CodeFixHarness.TitlesAsync(new CronFieldsCodeFix(), """
            using GenScheduler;

            public static class Jobs
            {
                [Cron("a b c d e")]
                public static void Report() { }
            }
            """, "GS0010");

        Assert.Empty(titles);
    }
}
