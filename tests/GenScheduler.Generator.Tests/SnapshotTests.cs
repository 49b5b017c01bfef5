using GenScheduler.Generator.Tests.Infrastructure;

namespace GenScheduler.Generator.Tests;

/// <summary>
/// The generated code for every supported shape, compared with the committed snapshots in <c>Snapshots/</c>. Each
/// output must also compile with no warnings (nullable on, doc comments checked, every warning wave).
/// </summary>
public class SnapshotTests
{
    private static void Check(string source, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
    {
        GeneratorRun run = GeneratorHarness.Run(source).AssertGeneratorClean().AssertCompilesClean();
        Snapshot.Verify(run, testName);
    }

    [Fact]
    public void StaticVoidMethod() => Check("""
        namespace MyApp
        {
            public static class Jobs
            {
                [Interval(Seconds = 3)]
                public static void Tick() { }
            }
        }
        """);

    [Fact]
    public void InstanceMethod() => Check("""
        namespace MyApp.Reports;

        public sealed class Mailer
        {
            [Interval(Minutes = 1, Seconds = 30)]
            public void Send() { }
        }
        """);

    [Fact]
    public void DisposableClasses() => Check("""
        namespace MyApp;

        public sealed class Mailer : IDisposable
        {
            [Interval(Minutes = 1)]
            public void Send() { }

            public void Dispose() { }
        }

        public sealed class Exporter : IAsyncDisposable
        {
            [Interval(Hours = 1)]
            public Task Run(CancellationToken cancellationToken) => Task.CompletedTask;

            public ValueTask DisposeAsync() => default;
        }

        public sealed class Poller : IDisposable
        {
            [Interval(Seconds = 10)]
            public ValueTask Poll(JobContext context) => default;

            public void Dispose() { }
        }

        public sealed class Flusher : IAsyncDisposable
        {
            [Interval(Seconds = 30)]
            public void Flush() { }

            public ValueTask DisposeAsync() => default;
        }

        // Reached through a thunk, which disposes it too.
        public sealed partial class Sweeper : IDisposable
        {
            [Interval(Minutes = 2)]
            private void Sweep() { }

            void IDisposable.Dispose() { }
        }
        """);

    [Fact]
    public void TaskWithCancellationToken() => Check("""
        namespace MyApp;

        public static class Jobs
        {
            [Interval(Hours = 1)]
            public static Task Report(CancellationToken cancellationToken) => Task.Delay(10, cancellationToken);
        }
        """);

    [Fact]
    public void ValueTaskWithContextAndTokenInAnyOrder() => Check("""
        namespace MyApp;

        internal sealed class Poller
        {
            [Interval(Milliseconds = 500)]
            internal ValueTask Poll(CancellationToken cancellationToken, JobContext context) => default;

            [Interval(Days = 1, Hours = 2, Milliseconds = 250)]
            internal static async ValueTask Compact(JobContext context) => await Task.Yield();
        }
        """);

    [Fact]
    public void PrivateMethodInPartialClass() => Check("""
        namespace MyApp;

        public partial class Jobs
        {
            [Interval(Seconds = 5)]
            private static void Tick() { }

            [Cron("0 3 * * *")]
            private async Task Cleanup(JobContext context) => await Task.Yield();

            private Jobs() { }
        }
        """);

    [Fact]
    public void NestedPartialTypes() => Check("""
        namespace MyApp.Background
        {
            public static partial class Outer
            {
                internal readonly partial struct Poller
                {
                    [Cron("0 */5 * * * *")]
                    private void Poll() { }
                }

                public partial record Settings
                {
                    [Interval(Days = 1)]
                    private protected static Task Refresh() => Task.CompletedTask;
                }

                public static class Visible
                {
                    [Interval(Minutes = 10)]
                    public static void Ping() { }
                }
            }
        }
        """);

    [Fact]
    public void NameOverride() => Check("""
        namespace MyApp;

        public static class Jobs
        {
            [Interval(Seconds = 10, Name = "heartbeat")]
            public static void Beat() { }

            // The first attribute that sets Name wins.
            [Cron("@hourly")]
            [Interval(Minutes = 5, Name = "sync <fast> & \"quoted\"")]
            [Interval(Minutes = 7, Name = "ignored")]
            public static void Sync() { }
        }
        """);

    [Fact]
    public void SeveralAttributesMakeAnAnyTrigger() => Check("""
        namespace MyApp;

        public static class Jobs
        {
            [Interval(Minutes = 5)]
            [Cron("0 9 * * 1-5")]
            [Cron("@daily", TimeZone = "Europe/Berlin")]
            public static void Report() { }
        }
        """);

    [Fact]
    public void CronFiveFields() => Check("""
        namespace MyApp;

        public static class Cron5
        {
            [Cron("0 9 * * 1-5")] public static void Weekdays() { }
            [Cron("*/15 9-17 * * MON-FRI")] public static void OfficeHours() { }
            [Cron("0 0 1 * *")] public static void Monthly() { }
            [Cron("30 6,18 * * *")] public static void TwiceADay() { }
            [Cron("0 0 L * *")] public static void LastDay() { }
            [Cron("  */10 * * * *  ")] public static void Trimmed() { }
            [Cron("0 0 ? * 1#2")] public static void SecondMonday() { }
        }
        """);

    [Fact]
    public void CronSixFields() => Check("""
        namespace MyApp;

        public static class Cron6
        {
            [Cron("*/5 * * * * *")] public static void EveryFiveSeconds() { }
            [Cron("0 */5 * * * *")] public static void EveryFiveMinutes() { }
            [Cron("30 0 12 * * *")] public static void HalfPastNoonAndThirtySeconds() { }
            [Cron("0 0 0 1 1 *")] public static void NewYear() { }
            [Cron("0 0 */7 * * *")] public static void Irregular() { }
        }
        """);

    [Fact]
    public void CronMacros() => Check("""
        namespace MyApp;

        public static class Macros
        {
            [Cron("@every_second")] public static void EverySecond() { }
            [Cron("@every_minute")] public static void EveryMinute() { }
            [Cron("@hourly")] public static void Hourly() { }
            [Cron("@daily")] public static void Daily() { }
            [Cron("@weekly")] public static void Weekly() { }
            [Cron("@monthly")] public static void Monthly() { }
            [Cron("@yearly")] public static void Yearly() { }
        }
        """);

    [Fact]
    public void CronTimeZone() => Check("""
        namespace MyApp;

        public static class Jobs
        {
            [Cron("0 8 * * *", TimeZone = "Europe/Berlin")]
            public static void Breakfast() { }
        }
        """);

    [Fact]
    public void RepeatedScheduleAndWindowsTimeZoneInWords() => Check("""
        namespace MyApp;

        public static class Jobs
        {
            // Said once in the doc comment, though both triggers stay in the table.
            [Interval(Seconds = 10)]
            [Interval(Seconds = 10)]
            public static void Twice() { }

            [Cron("0 9 * * 1-5", TimeZone = "W. Europe Standard Time")]
            public static void Standup() { }
        }
        """);

    [Fact]
    public void JobOptions() => Check("""
        namespace MyApp;

        public static class Jobs
        {
            [Interval(Seconds = 1, MisfireGraceSeconds = 2.5)]
            public static void Grace() { }

            [Interval(Seconds = 1, MisfireGraceSeconds = double.PositiveInfinity)]
            public static void NoMisfireLimit() { }

            [Interval(Seconds = 1, Coalesce = false)]
            public static void EveryMissedRun() { }

            [Interval(Seconds = 1, MaxInstances = 3)]
            public static void Overlapping() { }

            // Options from the first attribute that sets each; defaults written out explicitly are left out.
            [Cron("* * * * *", MisfireGraceSeconds = 0.1, MaxInstances = 1)]
            [Interval(Seconds = 30, Coalesce = false, MisfireGraceSeconds = 60)]
            public static void Mixed() { }
        }
        """);
}
