using System.Collections.Generic;
using System.Globalization;
using System.Text;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace GenScheduler.Generator.Emit;

/// <summary>Small helpers for writing C# text: identifiers, literals, qualified names, XML doc text.</summary>
internal static class CSharp
{
    /// <summary><paramref name="name"/> with an <c>@</c> in front when it is a keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A C# string literal: <c>"..."</c> with escapes.</summary>
    public static string StringLiteral(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A C# literal for a finite double that reads back to the same value, in the invariant culture.</summary>
    public static string DoubleLiteral(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A C# <c>bool</c> literal.</summary>
    public static string BoolLiteral(bool value) => value ? "true" : "false";

    /// <summary>An <c>int</c> or <c>long</c> literal in the invariant culture.</summary>
    public static string IntLiteral(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The namespace with each part escaped: <c>MyApp.@event</c>; empty for the global namespace.</summary>
    public static string EscapedNamespace(string ns)
    {
        if (ns.Length == 0)
        {
            return ns;
        }

        var parts = ns.Split('.');
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = Identifier(parts[i]);
        }

        return string.Join(".", parts);
    }

    /// <summary>The declaring type's fully qualified name: <c>global::MyApp.Outer.Inner</c>.</summary>
    public static string QualifiedTypeName(JobModel job)
    {
        var text = new StringBuilder("global::");
        if (job.Namespace.Length > 0)
        {
            text.Append(EscapedNamespace(job.Namespace)).Append('.');
        }

        for (int i = 0; i < job.ContainingTypes.Count; i++)
        {
            if (i > 0)
            {
                text.Append('.');
            }

            text.Append(Identifier(job.ContainingTypes[i].Name));
        }

        return text.ToString();
    }

    /// <summary>Escapes <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> for XML doc text.</summary>
    public static string XmlText(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>
    /// An identifier built from dotted and underscored parts (<c>MyApp_Jobs_Tick</c>); characters an identifier cannot
    /// hold become <c>_</c>.
    /// </summary>
    public static string JoinIdentifier(IEnumerable<string> parts)
    {
        var text = new StringBuilder();
        foreach (string part in parts)
        {
            foreach (string piece in part.Split('.'))
            {
                if (text.Length > 0)
                {
                    text.Append('_');
                }

                foreach (char c in piece)
                {
                    text.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
                }
            }
        }

        if (text.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }
}
