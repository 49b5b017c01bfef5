using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GenScheduler.Generator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace GenScheduler.Generator.Tests;

/// <summary>
/// Jobs in a class library reach the application's table at compile time: the library's public table is marked with
/// <c>[assembly: JobTable(typeof(MyLib.ScheduledJobs))]</c>, and the app's <c>All</c> is its own <c>Declared</c> followed by
/// the <c>Declared</c> of every referenced table. A test project names the app's jobs through a plain reference. All
/// with real compilations, each referencing the others' emitted images.
/// </summary>
public class LibraryTablesTests
{
    private const string Library = """
        namespace MyLib.Sync;

        public static class Uploader
        {
            public static System.Action<string>? OnRun;

            [Interval(Seconds = 1)]
            public static void Upload() => OnRun?.Invoke("library");
        }
        """;

    private const string App = """
        namespace MyApp;

        public static class Jobs
        {
            public static System.Action<string>? OnRun;

            [Interval(Seconds = 1)]
            public static void Tick() => OnRun?.Invoke("app");
        }

        public static class Program
        {
            public static System.Collections.Generic.IReadOnlyList<JobDefinition> Table => ScheduledJobs.All;
        }
        """;

    private static GeneratorRun Build(string assemblyName, IEnumerable<GeneratorRun> references, string source, bool? export = null) =>
        GeneratorHarness.RunAssembly(assemblyName, BuildProperties.Project(assemblyName, export), references, source)
            .AssertGeneratorClean()
            .AssertCompilesClean();

    [Fact]
    public void A_library_exports_a_public_table_marked_for_the_apps_that_reference_it()
    {
        GeneratorRun library = Build("MyLib", [], Library);

        Assert.Contains("[assembly: global::GenScheduler.JobTable(typeof(global::MyLib.ScheduledJobs))]", library.Table, StringComparison.Ordinal);
        Assert.Contains("public static partial class ScheduledJobs", library.Table, StringComparison.Ordinal);
        Snapshot.Verify(library);
    }

    [Fact]
    public void The_apps_All_holds_its_own_jobs_then_those_of_the_libraries_it_references()
    {
        GeneratorRun library = Build("MyLib", [], Library);
        GeneratorRun other = Build("Another.Lib", [], Library.Replace("namespace MyLib.Sync;", "namespace Another.Lib;", StringComparison.Ordinal));
        GeneratorRun app = Build("MyApp", [library, other], App);

        Snapshot.Verify(app);
        Assert.Equal(["MyApp.Jobs.Tick", "Another.Lib.Uploader.Upload", "MyLib.Sync.Uploader.Upload"], LoadAll(app, [other, library]));
    }

    [Fact]
    public void A_test_project_names_the_apps_jobs_with_a_plain_reference_and_every_job_is_in_it_once()
    {
        GeneratorRun library = Build("MyLib", [], Library);
        GeneratorRun app = Build("MyApp", [library], App);

        // The test project has jobs of its own and sees the app and, transitively, the library.
        GeneratorRun tests = Build("MyApp.Tests", [app, library], """
            namespace MyApp.Tests;

            public static class TestJobs
            {
                [Interval(Hours = 1)] public static void Probe() { }
            }

            public static class AppTests
            {
                public static string Tick => MyApp.ScheduledJobs.Jobs_Tick.Id;
                public static string Upload => MyLib.ScheduledJobs.Sync_Uploader_Upload.Id;
                public static int Count => global::MyApp.ScheduledJobs.All.Count + global::MyApp.Tests.ScheduledJobs.All.Count;
            }
            """);

        // Each referenced table's Declared, never its All: the library's job is not counted again through the app.
        Assert.Equal(["MyApp.Tests.TestJobs.Probe", "MyApp.Jobs.Tick", "MyLib.Sync.Uploader.Upload"], LoadAll(tests, [app, library]));
        Assert.Equal(["MyApp.Jobs.Tick", "MyLib.Sync.Uploader.Upload"], LoadAll(app, [library]));
    }

    [Fact]
    public void An_app_without_jobs_of_its_own_runs_the_libraries_jobs_and_exports_nothing()
    {
        GeneratorRun library = Build("MyLib", [], Library);
        GeneratorRun app = Build("MyApp", [library], "namespace MyApp; public static class Program { public static int Count => ScheduledJobs.All.Count + ScheduledJobs.Declared.Count; }");

        Assert.DoesNotContain("[assembly:", app.Table, StringComparison.Ordinal);
        Assert.Equal(["MyLib.Sync.Uploader.Upload"], LoadAll(app, [library]));
    }

    [Fact]
    public void A_library_that_does_not_export_keeps_its_table_internal_and_its_jobs_to_itself()
    {
        GeneratorRun library = Build("MyLib", [], Library, export: false);
        GeneratorRun app = Build("MyApp", [library], App);

        Assert.Contains("internal static partial class ScheduledJobs", library.Table, StringComparison.Ordinal);
        Assert.DoesNotContain("[assembly:", library.Table, StringComparison.Ordinal);
        Assert.Equal(["MyApp.Jobs.Tick"], LoadAll(app, [library]));
    }

    [Fact]
    public async Task The_apps_table_runs_the_library_jobs_in_the_scheduler()
    {
        GeneratorRun library = Build("MyLib", [], Library);
        GeneratorRun app = Build("MyApp", [library], App);
        using var assemblies = new LoadedAssemblies(library.Output, app.Output);
        IReadOnlyList<JobDefinition> all = assemblies.All();

        var seen = new ConcurrentDictionary<string, TaskCompletionSource>();
        TaskCompletionSource Signal(string key) => seen.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Action<string> hook = key => Signal(key).TrySetResult();
        assemblies[0].GetType("MyLib.Sync.Uploader", throwOnError: true)!.GetField("OnRun")!.SetValue(null, hook);
        assemblies[1].GetType("MyApp.Jobs", throwOnError: true)!.GetField("OnRun")!.SetValue(null, hook);

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        await using var scheduler = new Scheduler(all, new SchedulerOptions { TimeProvider = time });
        scheduler.Start();
        time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(Signal("app").Task, Signal("library").Task).WaitAsync(TimeSpan.FromSeconds(20));
        await scheduler.ShutdownAsync(wait: true);
    }

    [Fact]
    public async Task A_library_of_targets_only_exports_them_and_the_app_schedules_them_by_id()
    {
        GeneratorRun library = Build("MyLib", [], "namespace MyLib; public static class Reports { [Job(MaxInstances = 2)] public static void Daily() { } }");
        GeneratorRun app = Build("MyApp", [library], App);
        using var assemblies = new LoadedAssemblies(library.Output, app.Output);
        IReadOnlyList<JobDefinition> all = assemblies.All();

        Assert.Contains("[assembly: global::GenScheduler.JobTable(typeof(global::MyLib.ScheduledJobs))]", library.Table, StringComparison.Ordinal);
        Assert.Equal([("MyApp.Jobs.Tick", true), ("MyLib.Reports.Daily", false)], all.Select(j => (j.Id, j.IsScheduled)));
        await using var scheduler = new Scheduler(all);
        JobDefinition job = scheduler.AddJob("daily-eu", target: "MyLib.Reports.Daily", new CronTrigger("0 6 * * *", includeSeconds: false));
        Assert.Equal(("MyLib.Reports.Daily", 2), (job.Target, job.Options.MaxInstances));
    }

    /// <summary>The ids in <paramref name="run"/>'s <c>All</c>, with its references loaded beside it.</summary>
    private static List<string> LoadAll(GeneratorRun run, GeneratorRun[] references)
    {
        using var loaded = new LoadedAssemblies([.. references.Select(r => r.Output), run.Output]);
        return loaded.All().Select(j => j.Id).ToList();
    }
}
