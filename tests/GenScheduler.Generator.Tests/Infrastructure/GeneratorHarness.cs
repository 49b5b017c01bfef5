using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GenScheduler.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenScheduler.Generator.Tests.Infrastructure;

/// <summary>What one run of the generator produced.</summary>
/// <param name="Input">The user's compilation, before generation.</param>
/// <param name="Output">The compilation with the generated files added.</param>
/// <param name="Driver">The driver after the run, to run again for incrementality checks.</param>
/// <param name="RunResult">The driver's result: generated sources, generator diagnostics and exceptions, tracked steps.</param>
internal sealed record GeneratorRun(CSharpCompilation Input, Compilation Output, GeneratorDriver Driver, GeneratorDriverRunResult RunResult)
{
    /// <summary>The generated files, by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        RunResult.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>The job table's source.</summary>
    public string Table => Sources[Emit.JobTableEmitter.HintName];

    /// <summary>Every warning and error of the output compilation (user code and generated code), hidden and info ones left out.</summary>
    public ImmutableArray<Diagnostic> CompileDiagnostics =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    /// <summary>Fails when the generator threw or reported anything.</summary>
    public GeneratorRun AssertGeneratorClean()
    {
        GeneratorRunResult result = RunResult.Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(RunResult.Diagnostics);
        return this;
    }

    /// <summary>Fails, listing them, when the output compilation has any warning or error.</summary>
    public GeneratorRun AssertCompilesClean()
    {
        ImmutableArray<Diagnostic> diagnostics = CompileDiagnostics;
        Assert.True(diagnostics.IsEmpty, "The output has diagnostics:\n" + string.Join("\n", diagnostics.Select(Describe)));
        return this;
    }

    private string Describe(Diagnostic diagnostic)
    {
        string line = diagnostic.Location.IsInSource
            ? diagnostic.Location.SourceTree!.GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim()
            : string.Empty;
        return $"{diagnostic}\n    {line}";
    }
}

/// <summary>Compiles user code against .NET 10 reference assemblies and the GenScheduler runtime, and runs the generator on it.</summary>
internal static class GeneratorHarness
{
    /// <summary>C# latest, with documentation comments parsed and checked as the SDK does with GenerateDocumentationFile.</summary>
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(JobDefinition).Assembly.Location),
    ];

    /// <summary>The usual usings of a user file, so test sources stay short.</summary>
    public const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using GenScheduler;

        """;

    /// <summary>A library compilation of <paramref name="sources"/> (each prefixed with <see cref="Usings"/>), nullable on, every warning wave.</summary>
    public static CSharpCompilation Compile(params string[] sources) => Compile(withRuntime: true, sources);

    /// <summary>As <see cref="Compile(string[])"/>, optionally without the runtime reference.</summary>
    public static CSharpCompilation Compile(bool withRuntime, params string[] sources) =>
        Compile("UserAssembly", withRuntime ? References : [.. Basic.Reference.Assemblies.Net100.References.All], sources);

    /// <summary>As <see cref="Compile(string[])"/>, for the assembly <paramref name="assemblyName"/>, which also references <paramref name="libraries"/>.</summary>
    public static CSharpCompilation CompileAssembly(string assemblyName, IEnumerable<MetadataReference> libraries, params string[] sources) =>
        Compile(assemblyName, [.. References, .. libraries], sources);

    /// <summary>
    /// As <see cref="Compile(string[])"/>, for a project that references GenScheduler.Hosting (<see cref="HostingStandIn"/>):
    /// each source is prefixed with <see cref="HostingStandIn.Usings"/> too.
    /// </summary>
    public static CSharpCompilation CompileWithHosting(params string[] sources) =>
        CompileAssembly("UserAssembly", HostingStandIn.References, [.. sources.Select(s => HostingStandIn.Usings + s)]);

    /// <summary>The assembly <paramref name="output"/> compiles to, as a reference for another compilation; fails on any error.</summary>
    public static MetadataReference Image(Compilation output)
    {
        using var image = new System.IO.MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = output.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    private static CSharpCompilation Compile(string assemblyName, ImmutableArray<MetadataReference> references, string[] sources)
    {
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(Usings + s, ParseOptions, path: $"User{i}.cs"));
        return CSharpCompilation.Create(
            assemblyName,
            trees,
            references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                // Public user types in the test sources need no doc comments; everything generated is internal anyway.
                specificDiagnosticOptions: [new KeyValuePair<string, ReportDiagnostic>("CS1591", ReportDiagnostic.Suppress)]));
    }

    /// <summary>
    /// Creates a driver for the generator, tracking its steps, with the MSBuild properties <paramref name="properties"/>
    /// (<see cref="BuildProperties.MyApp"/> by default: a project whose root namespace is <c>MyApp</c>).
    /// </summary>
    public static GeneratorDriver CreateDriver(BuildProperties? properties = null) =>
        CSharpGeneratorDriver.Create(
            [new ScheduledJobsGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: properties ?? BuildProperties.MyApp,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator on <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(CSharpCompilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return new GeneratorRun(compilation, output, driver, driver.GetRunResult());
    }

    /// <summary>Runs the generator on <paramref name="compilation"/> with the MSBuild properties <paramref name="properties"/>.</summary>
    public static GeneratorRun Run(CSharpCompilation compilation, BuildProperties properties) => Run(compilation, CreateDriver(properties));

    /// <summary>
    /// Compiles <paramref name="sources"/> as the assembly <paramref name="assemblyName"/> of a project with the MSBuild
    /// properties <paramref name="properties"/>, referencing the assemblies the <paramref name="references"/> compiled to,
    /// and runs the generator on it.
    /// </summary>
    public static GeneratorRun RunAssembly(string assemblyName, BuildProperties properties, IEnumerable<GeneratorRun> references, params string[] sources) =>
        Run(CompileAssembly(assemblyName, references.Select(r => Image(r.Output)), sources), properties);

    /// <summary>Compiles <paramref name="sources"/> and runs the generator on them.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(Compile(sources));
}
