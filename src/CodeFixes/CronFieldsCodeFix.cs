using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using GenScheduler.Generator.Analyzer;
using GenScheduler.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenScheduler.CodeFixes;

/// <summary>
/// GS0010, when the expression was written for the other field count: a five-field expression whose first field was
/// meant as seconds (<c>"0 30 9 * *"</c>, hour 30 is no hour) becomes six fields (<c>"0 30 9 * * *"</c>); a six-field
/// expression that reads right as five without its seconds field or a trailing year becomes five. A candidate is
/// offered only when it parses.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CronFieldsCodeFix)), Shared]
public sealed class CronFieldsCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidCron.Id);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <summary>The corrected expressions worth offering for <paramref name="expression"/>, with a title for each.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> Candidates(string expression)
    {
        string[] fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var candidates = new List<KeyValuePair<string, string>>();
        switch (fields.Length)
        {
            case 5:
                Offer(string.Join(" ", fields) + " *", "Read the first field as seconds");
                break;
            case 6:
                Offer(string.Join(" ", fields, 1, 5), "Remove the seconds field");
                Offer(string.Join(" ", fields, 0, 5), "Remove the sixth field");
                break;
            case 7:
                Offer(string.Join(" ", fields, 0, 6), "Remove the year field");
                break;
        }

        return candidates;

        void Offer(string candidate, string title)
        {
            if (CronParser.Parse(candidate).IsValid && !candidates.Exists(c => c.Key == candidate))
            {
                candidates.Add(new KeyValuePair<string, string>(candidate, $"{title}: \"{candidate}\""));
            }
        }
    }

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root is null
                || !diagnostic.Properties.TryGetValue(ProblemDiagnostics.ExpressionProperty, out string? expression) || expression is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax literal)
            {
                continue;
            }

            foreach (KeyValuePair<string, string> candidate in Candidates(expression))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        candidate.Value,
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, Literals.String(candidate.Key, literal)))),
                        equivalenceKey: nameof(CronFieldsCodeFix) + candidate.Value),
                    diagnostic);
            }
        }
    }
}
