using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GenScheduler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Tests;

/// <summary>
/// Each assembly's job table is <c>&lt;Namespace&gt;.ScheduledJobs</c>, Namespace being <c>GenSchedulerNamespace</c>, else
/// <c>RootNamespace</c>, else the assembly name, made a valid namespace. So two assemblies that share internals never
/// see two tables of one name, and when they would (one namespace set for both), GS0023 says so instead of CS0436.
/// </summary>
public class TableNamespaceTests
{
    private const string OneJob = """
        namespace Jobs;

        public static class Work
        {
            [Interval(Seconds = 1)] public static void Tick() { }
        }
        """;

    [Theory]
    [InlineData(null, "MyApp", "Asm", "MyApp")]
    [InlineData("Custom.Scheduling", "MyApp", "Asm", "Custom.Scheduling")]
    [InlineData("", "MyApp", "Asm", "MyApp")]
    [InlineData(" ", "  ", "Asm", "Asm")]
    [InlineData(null, null, "Asm", "Asm")]
    [InlineData(null, "My-App.2nd..Part ", "Asm", "My_App._2nd._.Part")]
    [InlineData(null, "event.class", "Asm", "@event.@class")]
    [InlineData(null, null, "My.Tool-v2", "My.Tool_v2")]
    public void The_namespace_comes_from_GenSchedulerNamespace_then_RootNamespace_then_the_assembly_name(
        string? genSchedulerNamespace, string? rootNamespace, string assemblyName, string expected)
    {
        var properties = new BuildProperties(new Dictionary<string, string?>
        {
            ["GenSchedulerNamespace"] = genSchedulerNamespace,
            ["RootNamespace"] = rootNamespace,
        });
        string program = $$"""
            public static class Program
            {
                public static int Count() => global::{{expected}}.ScheduledJobs.All.Count;
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CompileAssembly(assemblyName, [], OneJob, program), properties)
            .AssertGeneratorClean().AssertCompilesClean();

        Assert.Contains("\nnamespace " + expected + "\n{\n", run.Table, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_assemblies_that_share_internals_each_have_their_own_table()
    {
        // The library lets the app see its internals; before, both generated an internal GenScheduler.ScheduledJobs (CS0436).
        GeneratorRun library = GeneratorHarness.RunAssembly("MyLib", BuildProperties.Project("MyLib"), [], ShareInternalsWith("MyApp"), """
            namespace MyLib;

            public static class LibraryJobs
            {
                [Interval(Seconds = 5)] public static void Sync() { }
                internal static int Hidden => 1;
            }
            """).AssertGeneratorClean().AssertCompilesClean();

        GeneratorRun app = GeneratorHarness.RunAssembly("MyApp", BuildProperties.Project("MyApp"), [library], """
            namespace MyApp;

            public static class AppJobs
            {
                [Interval(Seconds = 1)] public static void Tick() { }
            }

            public static class Program
            {
                public static int Count() => ScheduledJobs.All.Count + MyLib.LibraryJobs.Hidden;
            }
            """).AssertGeneratorClean().AssertCompilesClean();

        Assert.Contains("\"MyApp.AppJobs.Tick\"", app.Table, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_name_a_referenced_assembly_already_shows_is_GS0023_naming_both_assemblies_not_CS0436()
    {
        GeneratorRun library = GeneratorHarness.RunAssembly("Shared.Core", BuildProperties.Project("Shared"), [], ShareInternalsWith("Shared.App"), OneJob)
            .AssertGeneratorClean().AssertCompilesClean();

        GeneratorRun app = GeneratorHarness.RunAssembly("Shared.App", BuildProperties.Project("Shared"), [library], """
            namespace Shared;

            public static class AppJobs
            {
                [Interval(Seconds = 1)] public static void Tick() { }
            }
            """);

        Diagnostic diagnostic = Assert.Single(app.RunResult.Diagnostics);
        Assert.Equal(("GS0023", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(
            "The job table 'Shared.ScheduledJobs' of assembly 'Shared.App' has the full name of a type that the referenced assembly 'Shared.Core' makes visible to it, "
            + "so GenScheduler does not generate it; set <GenSchedulerNamespace> in one of the two projects to a namespace of its own",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(app.Sources);
        Assert.DoesNotContain(app.CompileDiagnostics, d => d.Id is "CS0436" or "CS0433");
    }

    [Fact]
    public void A_table_of_the_same_name_the_app_cannot_see_is_no_clash()
    {
        // A library that keeps its jobs to itself has an internal table, which an app without InternalsVisibleTo never sees.
        GeneratorRun library = GeneratorHarness.RunAssembly("Shared.Core", BuildProperties.Project("Shared", export: false), [], OneJob).AssertGeneratorClean();

        GeneratorRun app = GeneratorHarness.RunAssembly(
            "Shared.App", BuildProperties.Project("Shared"), [library], OneJob.Replace("namespace Jobs;", "namespace AppJobs;", StringComparison.Ordinal));

        Assert.Empty(app.RunResult.Diagnostics);
        app.AssertCompilesClean();
    }

    private static string ShareInternalsWith(string assemblyName) =>
        $"[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"{assemblyName}\")]";
}
