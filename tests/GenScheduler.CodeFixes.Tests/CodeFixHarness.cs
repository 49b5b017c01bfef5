using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenScheduler.Generator.Analyzer;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace GenScheduler.CodeFixes.Tests;

/// <summary>
/// Applies a code fix the way the IDE does, offline: the source in an <see cref="AdhocWorkspace"/> against .NET 10
/// reference assemblies and the runtime, the analyzer's diagnostic, the fix's code action, its changed solution.
/// </summary>
internal static class CodeFixHarness
{
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(GenScheduler.JobDefinition).Assembly.Location),
    ];

    /// <summary>The titles of the fixes <paramref name="fix"/> offers for the first <paramref name="id"/> diagnostic.</summary>
    public static async Task<IReadOnlyList<string>> TitlesAsync(CodeFixProvider fix, string source, string id)
    {
        (Document document, Diagnostic diagnostic) = await DiagnoseAsync(source, id);
        return (await ActionsAsync(fix, document, diagnostic)).Select(a => a.Title).ToList();
    }

    /// <summary>
    /// Applies the fix titled <paramref name="title"/> (or the only one) to the first <paramref name="id"/> diagnostic and
    /// returns the new source, after checking that it compiles and that the diagnostic is gone.
    /// </summary>
    public static async Task<string> ApplyAsync(CodeFixProvider fix, string source, string id, string? title = null)
    {
        Assert.Contains(id, fix.FixableDiagnosticIds);
        (Document document, Diagnostic diagnostic) = await DiagnoseAsync(source, id);
        IReadOnlyList<CodeAction> actions = await ActionsAsync(fix, document, diagnostic);
        CodeAction action = title is null ? Assert.Single(actions) : Assert.Single(actions, a => a.Title == title);

        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        Solution changed = Assert.IsType<ApplyChangesOperation>(Assert.Single(operations)).ChangedSolution;
        Document fixedDocument = changed.GetDocument(document.Id)!;
        string text = (await fixedDocument.GetTextAsync()).ToString();

        Compilation compilation = (await fixedDocument.Project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.DoesNotContain(await AnalyzeAsync(compilation), d => d.Id == id && d.Location.SourceSpan.IntersectsWith(diagnostic.Location.SourceSpan));
        return text;
    }

    private static async Task<(Document Document, Diagnostic Diagnostic)> DiagnoseAsync(string source, string id)
    {
        var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "User", "User", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: References));
        Document document = workspace.AddDocument(project.Id, "User.cs", SourceText.From(source));
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Diagnostic diagnostic = (await AnalyzeAsync(compilation)).First(d => d.Id == id);
        return (document, diagnostic);
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation) =>
        await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ScheduleAnalyzer())).GetAnalyzerDiagnosticsAsync();

    private static async Task<IReadOnlyList<CodeAction>> ActionsAsync(CodeFixProvider fix, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context);
        return actions;
    }

    /// <summary>Normalizes line endings so expected sources can be raw string literals.</summary>
    public static string Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
