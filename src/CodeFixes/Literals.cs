using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenScheduler.CodeFixes;

/// <summary>Builds the string literals the fixes write.</summary>
internal static class Literals
{
    /// <summary>A string literal of <paramref name="value"/> that takes the trivia of the expression it replaces.</summary>
    public static ExpressionSyntax String(string value, SyntaxNode replaced) =>
        SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value)).WithTriviaFrom(replaced);
}
