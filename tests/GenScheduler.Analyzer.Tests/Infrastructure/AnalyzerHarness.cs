using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenScheduler.Generator;
using GenScheduler.Generator.Analyzer;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GenScheduler.Analyzer.Tests.Infrastructure;

/// <summary>
/// Compiles test sources against .NET 10 reference assemblies and the GenScheduler runtime (no network, no SDK), and
/// runs the analyzer on them.
/// </summary>
internal static class AnalyzerHarness
{
    /// <summary>The usual usings of a user file, so test sources stay short. Markup offsets are after them.</summary>
    public const string Usings = "using System;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing GenScheduler;\n\n";

    /// <summary>C# latest, documentation comments parsed.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    /// <summary>Reference assemblies and the runtime.</summary>
    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(GenScheduler.JobDefinition).Assembly.Location),
    ];

    /// <summary>The usings of a source for a project that references GenScheduler.Hosting, after <see cref="Usings"/>. Markup offsets are after both.</summary>
    public const string HostingUsings = GenScheduler.Generator.Tests.Infrastructure.HostingStandIn.Usings;

    /// <summary>A library compilation of <paramref name="source"/> (prefixed with <see cref="Usings"/>).</summary>
    public static CSharpCompilation Compile(string source, string path = "User.cs") =>
        CSharpCompilation.Create(
            "UserAssembly",
            [CSharpSyntaxTree.ParseText(Usings + source, ParseOptions, path: path)],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>
    /// As <see cref="Compile"/>, for a project that references GenScheduler.Hosting (a stand-in, with the dependency-injection
    /// and logging abstractions): the source is prefixed with <see cref="HostingUsings"/> too.
    /// </summary>
    public static CSharpCompilation CompileWithHosting(string source) =>
        CSharpCompilation.Create(
            "UserAssembly",
            [CSharpSyntaxTree.ParseText(Usings + HostingUsings + source, ParseOptions, path: "User.cs")],
            [.. References, .. GenScheduler.Generator.Tests.Infrastructure.HostingStandIn.References],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>
    /// The "now" the analyzer sees in these tests, so that what is in the past (GS0021) and which daylight-saving days
    /// come next (GS0016, GS0020) do not change as the calendar moves on.
    /// </summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the analyzer (on the clock <see cref="Now"/> unless given another analyzer); returns every analyzer diagnostic, including AD0001 should it ever throw.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, CancellationToken cancellationToken = default, ScheduleAnalyzer? analyzer = null)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(analyzer ?? new ScheduleAnalyzer(() => Now));
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken);
        return diagnostics;
    }

    /// <summary>
    /// Checks that the analyzer reports exactly the diagnostics marked in <paramref name="markup"/>, each at its exact span,
    /// and nothing else; that the source has no compiler errors; and that the analyzer did not throw.
    /// </summary>
    /// <param name="markup">The source with the expected diagnostics marked.</param>
    /// <param name="hosting">Whether the project references GenScheduler.Hosting (<see cref="CompileWithHosting"/>).</param>
    public static async Task VerifyAsync(string markup, bool hosting = false)
    {
        (string source, List<ExpectedDiagnostic> expected) = Markup.Parse(markup);
        CSharpCompilation compilation = hosting ? CompileWithHosting(source) : Compile(source);
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The test source does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));

        ImmutableArray<Diagnostic> actual = await AnalyzeAsync(compilation);
        Assert.DoesNotContain(actual, d => d.Id == "AD0001");

        int offset = Usings.Length + (hosting ? HostingUsings.Length : 0);
        var actualSet = actual.Select(d => $"{d.Id} at {d.Location.SourceSpan.Start - offset}..{d.Location.SourceSpan.End - offset}: "
            + Text(source, d.Location.SourceSpan.Start - offset, d.Location.SourceSpan.End - offset)).Order(StringComparer.Ordinal).ToList();
        var expectedSet = expected.Select(e => $"{e.Id} at {e.Span.Start}..{e.Span.End}: " + Text(source, e.Span.Start, e.Span.End))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(
            expectedSet.SequenceEqual(actualSet),
            "Expected:\n  " + string.Join("\n  ", expectedSet) + "\nActual:\n  " + string.Join("\n  ", actualSet)
            + "\nMessages:\n  " + string.Join("\n  ", actual.Select(d => d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// <summary>The single diagnostic the analyzer reports on <paramref name="source"/>, for message tests.</summary>
    public static async Task<Diagnostic> SingleAsync(string source, bool hosting = false)
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(hosting ? CompileWithHosting(source) : Compile(source));
        return Assert.Single(diagnostics);
    }

    /// <summary>The generator's output for <paramref name="compilation"/>, with the generator's exception, if any.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Result) Generate(Compilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ScheduledJobsGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return (output, driver.GetRunResult());
    }

    private static string Text(string source, int start, int end) =>
        start >= 0 && end <= source.Length && start <= end ? source[start..end] : "(outside the source)";
}
