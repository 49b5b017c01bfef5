using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using GenScheduler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
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

    private static BuildProperties Properties(string rootNamespace, bool? export = null) =>
        new(new Dictionary<string, string?> { ["RootNamespace"] = rootNamespace, ["GenSchedulerExportJobs"] = export?.ToString() });

    private static GeneratorRun Build(string assemblyName, IEnumerable<GeneratorRun> references, string source, bool? export = null) =>
        GeneratorHarness.Run(
            GeneratorHarness.CompileAssembly(assemblyName, references.Select(r => GeneratorHarness.Image(r.Output)), source),
            Properties(assemblyName, export))
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
        var context = new AssemblyLoadContext("GenScheduler.LibraryTables", isCollectible: true);
        try
        {
            Assembly[] assemblies = Load(context, library, app);
            var all = (IReadOnlyList<JobDefinition>)assemblies[1].GetType("MyApp.ScheduledJobs", throwOnError: true)!
                .GetProperty("All", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

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
        finally
        {
            context.Unload();
        }
    }

    /// <summary>The ids in <paramref name="run"/>'s <c>All</c>, with its references loaded beside it.</summary>
    private static List<string> LoadAll(GeneratorRun run, GeneratorRun[] references)
    {
        var context = new AssemblyLoadContext("GenScheduler.LibraryTables", isCollectible: true);
        try
        {
            Assembly assembly = Load(context, [.. references, run]).Last();
            Type table = assembly.GetTypes().Single(t => t.Name == "ScheduledJobs");
            var all = (IReadOnlyList<JobDefinition>)table.GetProperty("All", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            return all.Select(j => j.Id).ToList();
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Loads each run's output, in order, into <paramref name="context"/>, which resolves them by name.</summary>
    private static Assembly[] Load(AssemblyLoadContext context, params GeneratorRun[] runs)
    {
        var loaded = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        context.Resolving += (_, name) => loaded.GetValueOrDefault(name.Name!);
        var assemblies = new List<Assembly>();
        foreach (GeneratorRun run in runs)
        {
            using var image = new MemoryStream();
            EmitResult result = run.Output.Emit(image);
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            image.Position = 0;
            Assembly assembly = context.LoadFromStream(image);
            loaded[assembly.GetName().Name!] = assembly;
            assemblies.Add(assembly);
        }

        return [.. assemblies];
    }
}
