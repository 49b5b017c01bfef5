using GenScheduler.Generator.Tests.Infrastructure;

namespace GenScheduler.Generator.Tests;

/// <summary>
/// Snapshots of the generated code where names and places are the point: no jobs, keyword and clashing names, thunks in
/// derived types, obsolete methods, start and end windows. Compared with <c>Snapshots/</c> and compiled with no warnings,
/// as in <see cref="SnapshotTests"/>.
/// </summary>
public class NamingSnapshotTests
{
    private static void Check(string source, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
    {
        GeneratorRun run = GeneratorHarness.Run(source).AssertGeneratorClean().AssertCompilesClean();
        Snapshot.Verify(run, testName);
    }

    [Fact]
    public void NoJobs() => Check("""
        namespace MyApp;

        public static class NotScheduled
        {
            public static void Tick() { }
        }
        """);

    [Fact]
    public void KeywordIdentifiers() => Check("""
        namespace MyApp.@event
        {
            public static partial class @class
            {
                [Interval(Seconds = 1)]
                public static void @void() { }

                [Interval(Seconds = 2)]
                private static void @static(JobContext @context) { }
            }
        }
        """);

    [Fact]
    public void GlobalNamespaceAndClashingNames() => Check("""
        public static class Jobs
        {
            [Interval(Seconds = 1)]
            public static void Tick() { }

            [Interval(Seconds = 1, Name = "Jobs.Tick(token)")]
            public static void Tick(CancellationToken token) { }

            [Interval(Seconds = 1)]
            public static void ToString(JobContext context) { }
        }

        namespace A
        {
            public static class Jobs
            {
                [Interval(Seconds = 2)]
                public static void Tick() { }
            }
        }
        """);

    [Fact]
    public void TwoTickJobsInTwoClasses() => Check("""
        namespace MyApp
        {
            public static class Jobs
            {
                [Interval(Seconds = 1)]
                public static void Tick() { }
            }

            public static class Other
            {
                [Interval(Seconds = 2)]
                public static void Tick() { }
            }
        }
        """);

    [Fact]
    public void ThunksInDerivedTypes() => Check("""
        namespace MyApp;

        public partial class BaseJobs
        {
            [Interval(Seconds = 1)]
            private static void Tick() { }

            [Interval(Seconds = 2, Name = "base tick with token")]
            private static void Tick(CancellationToken token) { }
        }

        public partial class DerivedJobs : BaseJobs
        {
            [Interval(Seconds = 3, Name = "derived tick")]
            private static void Tick() { }
        }
        """);

    [Fact]
    public void ObsoleteMethods() => Check("""
        namespace MyApp;

        public partial class Jobs
        {
            [System.Obsolete("Use Tock.")]
            [Interval(Seconds = 1)]
            public static void Tick() { }

            [System.Obsolete]
            [Interval(Seconds = 1)]
            private static void Hidden() { }
        }

        public sealed class Legacy
        {
            [System.Obsolete("Use the factory.")]
            public Legacy() { }

            [Interval(Minutes = 1)]
            public void Run() { }
        }
        """);

    [Fact]
    public void IntervalWithStartAndEnd() => Check("""
        namespace MyApp;

        public static class Jobs
        {
            [Interval(Seconds = 3, Start = "2026-12-01T09:00:00Z", End = "2026-12-31T18:00:00Z")]
            public static void Window() { }

            // The offset as written; seconds are optional; a fraction of a second becomes AddTicks.
            [Interval(Minutes = 1, Start = "2026-12-01T10:00+01:00")]
            public static void FromOnly() { }

            [Interval(Hours = 1, End = "2027-01-01T00:00:00.5-05:30")]
            public static void UntilOnly() { }
        }
        """);

    [Fact]
    public void CronWithStartAndEnd() => Check("""
        namespace MyApp;

        public static class Jobs
        {
            [Cron("0 9 * * 1-5", TimeZone = "Europe/Berlin", Start = "2026-12-01T00:00:00+01:00", End = "2027-03-31T23:59:59+02:00")]
            public static void Winter() { }

            [Cron("*/10 * * * * *", End = "2026-12-24T12:00:00Z")]
            public static void UntilNoon() { }
        }
        """);

    [Fact]
    public void AtInstants() => Check("""
        namespace MyApp;

        public static class Jobs
        {
            [At("2026-12-24T18:00:00Z")]
            public static void ChristmasEve() { }

            [At("2026-12-31T23:59:59.9999999+01:00")]
            [At("2027-01-01T00:00:00+01:00")]
            public static Task NewYear(CancellationToken token) => Task.CompletedTask;

            [Interval(Hours = 1)]
            [At("2026-12-01T09:00:00Z")]
            public static void HourlyAndOnce() { }
        }
        """);

    [Fact]
    public void JitterTimeoutAndRunOnStart() => Check("""
        namespace MyApp;

        public static class Jobs
        {
            [Interval(Seconds = 3, Start = "2026-12-01T09:00:00Z", JitterSeconds = 0.5, TimeoutSeconds = 30, RunOnStart = true)]
            public static void Everything() { }

            // Each option from the first attribute that sets it; defaults written out are left out.
            [Cron("*/5 * * * *", RunOnStart = false)]
            [Interval(Minutes = 1, JitterSeconds = 5, TimeoutSeconds = 2.5, RunOnStart = true)]
            [Interval(Minutes = 2, JitterSeconds = 7, TimeoutSeconds = 9)]
            public static void FirstWins() { }

            [Cron("@daily", TimeoutSeconds = double.PositiveInfinity, JitterSeconds = 3600)]
            public static void NoTimeout() { }
        }
        """);
}
