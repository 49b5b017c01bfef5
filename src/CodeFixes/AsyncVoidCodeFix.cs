using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenScheduler.Generator.Analyzer;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenScheduler.CodeFixes;

/// <summary>GS0004: changes <c>async void</c> to <c>async Task</c>, adding <c>using System.Threading.Tasks;</c> when <c>Task</c> is not in scope.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidCodeFix)), Shared]
public sealed class AsyncVoidCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.AsyncVoid.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node
                || node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
                || method.ReturnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword })
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Return Task instead of void",
                    cancellationToken => ReturnTaskAsync(context.Document, method, cancellationToken),
                    equivalenceKey: nameof(AsyncVoidCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> ReturnTaskAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = (CompilationUnitSyntax)(await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        bool inScope = model is not null && model.LookupNamespacesAndTypes(method.ReturnType.SpanStart, name: "Task")
            .Any(static s => s is INamedTypeSymbol { Arity: 0 } t && t.ToDisplayString() == "System.Threading.Tasks.Task");

        TypeSyntax task = SyntaxFactory.IdentifierName("Task").WithTriviaFrom(method.ReturnType);
        root = root.ReplaceNode(method.ReturnType, task);
        if (!inScope)
        {
            UsingDirectiveSyntax directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("System.Threading.Tasks"))
                .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
            root = root.AddUsings(directive);
        }

        return document.WithSyntaxRoot(root);
    }
}
