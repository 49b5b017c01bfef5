using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using GenScheduler.Generator.Analyzer;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenScheduler.CodeFixes;

/// <summary>GS0015: replaces a Windows time-zone id with its IANA id (<c>"W. Europe Standard Time"</c> becomes <c>"Europe/Berlin"</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TimeZoneCodeFix)), Shared]
public sealed class TimeZoneCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.WindowsTimeZone.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root is null
                || !diagnostic.Properties.TryGetValue(ProblemDiagnostics.IanaIdProperty, out string? iana) || iana is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeArgumentSyntax>() is not { } argument)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use the IANA id \"{iana}\"",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, Literals.String(iana, argument.Expression)))),
                    equivalenceKey: nameof(TimeZoneCodeFix)),
                diagnostic);
        }
    }
}
