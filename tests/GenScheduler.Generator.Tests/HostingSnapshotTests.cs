using System.Runtime.CompilerServices;
using GenScheduler.Generator.Emit;
using GenScheduler.Generator.Tests.Infrastructure;

namespace GenScheduler.Generator.Tests;

/// <summary>
/// The generated code of jobs that take services, in a project that references GenScheduler.Hosting: a new scope and a
/// new instance per run, the constructor dependency injection would choose, <c>RequiredServices</c>, and the parameterless
/// <c>AddGenScheduler()</c>. Each output compiles with no warnings (nullable on, doc comments checked, every warning wave).
/// </summary>
public class HostingSnapshotTests
{
    private static GeneratorRun Check(string source, [CallerMemberName] string testName = "")
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CompileWithHosting(source)).AssertGeneratorClean().AssertCompilesClean();
        Snapshot.Verify(run, testName);
        return run;
    }

    [Fact]
    public void PrimaryConstructorWithTwoServices() => Check("""
        namespace MyApp;

        public sealed class AppDb
        {
            public Task DeleteExpiredAsync(CancellationToken ct) => Task.CompletedTask;
        }

        public sealed class Cleanup(ILogger<Cleanup> log, AppDb db)
        {
            [Interval(Minutes = 5)]
            public async Task Run(CancellationToken ct)
            {
                log.LogInformation("Cleaning up");
                await db.DeleteExpiredAsync(ct);
            }
        }
        """);

    [Fact]
    public void DisposableJobFromServices() => Check("""
        namespace MyApp;

        public sealed class AppDb { }

        public sealed class Export(AppDb db) : IAsyncDisposable
        {
            [Interval(Hours = 1)]
            public void Run() => _ = db;

            public ValueTask DisposeAsync() => default;
        }
        """);

    [Fact]
    public void StaticJobWithAServiceParameter() => Check("""
        namespace MyApp;

        public sealed class AppDb { }

        public static class Reports
        {
            [Cron("0 6 * * *")]
            public static ValueTask Daily(JobContext context, AppDb db, CancellationToken ct) => default;

            // A target needs its services too; JobDefinition.Unscheduled has no RequiredServices to set.
            [Job]
            public static void OnDemand(AppDb db, ILogger<AppDb>? log = null) { }

            [Interval(Seconds = 30)]
            public static void Plain() { }
        }
        """);

    [Fact]
    public void ConstructorChosenByActivatorUtilitiesConstructor() => Check("""
        namespace MyApp;

        public sealed class AppDb { }

        public enum Mode { Fast, Thorough }

        public sealed class Indexer
        {
            public Indexer(AppDb db, TimeProvider time, IServiceProvider services) { }

            [ActivatorUtilitiesConstructor]
            public Indexer(AppDb db, ILogger<Indexer>? log = null, int batch = 100, Mode mode = Mode.Thorough, string name = "index", TimeSpan pause = default) { }

            [Interval(Hours = 1)]
            public void Rebuild(JobContext context) { }
        }
        """);

    [Fact]
    public void PrivateConstructorThroughAThunk() => Check("""
        namespace MyApp;

        public sealed class AppDb { }

        public partial class Mailer
        {
            private Mailer(AppDb db) { }

            [Interval(Minutes = 1)]
            public Task Send(AppDb again, CancellationToken ct) => Task.CompletedTask;

            // Created with new Mailer()? It has no such constructor: the one above, through the thunk as well.
            [Interval(Minutes = 2)]
            private void Retry() { }
        }

        public sealed class Plain
        {
            // A parameterless constructor and no services: new Plain(), as without hosting.
            [Interval(Seconds = 10)]
            public void Tick() { }
        }
        """);

    [Fact]
    public void AddGenSchedulerForATableWithoutJobsOfItsOwn()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CompileWithHosting("namespace My.App; public static class Program { }"), BuildProperties.Project("My.App"))
            .AssertGeneratorClean()
            .AssertCompilesClean();

        Snapshot.Verify(run);
        Assert.Contains("internal static class GenScheduler_My_App_ServiceCollectionExtensions", run.Sources[ServiceCollectionEmitter.HintName], System.StringComparison.Ordinal);
    }
}
