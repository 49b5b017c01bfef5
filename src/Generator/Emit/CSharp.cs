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

    /// <summary>
    /// A C# string literal of any text: <c>"..."</c>, with <c>\"</c> and <c>\\</c>, and every character that could break
    /// the line or is not visible (control characters, U+0085, line and paragraph separators, surrogates, format and
    /// unassigned characters, spaces other than U+0020) as <c>\uXXXX</c>.
    /// </summary>
    public static string StringLiteral(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            if (c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (IsInvisibleInLiteral(c))
            {
                AppendEscape(text, c);
            }
            else
            {
                text.Append(c);
            }
        }

        return text.Append('"').ToString();
    }

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

    /// <summary>
    /// Text for an XML doc comment: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped, and every character that would end
    /// the <c>///</c> line (<c>\n</c>, <c>\r</c>, U+0085, U+2028, U+2029) or that XML forbids (other control characters,
    /// lone surrogates, U+FFFE, U+FFFF) shown as the text <c>\uXXXX</c>, never raw.
    /// </summary>
    public static string XmlText(string text)
    {
        var result = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&':
                    result.Append("&amp;");
                    break;
                case '<':
                    result.Append("&lt;");
                    break;
                case '>':
                    result.Append("&gt;");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        result.Append(c).Append(text[++i]);
                    }
                    else if ((char.IsControl(c) && c != '\t') || c is '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF' || char.IsSurrogate(c))
                    {
                        AppendEscape(result, c);
                    }
                    else
                    {
                        result.Append(c);
                    }

                    break;
            }
        }

        return result.ToString();
    }

    private static bool IsInvisibleInLiteral(char c)
    {
        if (c is >= ' ' and <= '~')
        {
            return false;
        }

        switch (CharUnicodeInfo.GetUnicodeCategory(c))
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.Surrogate:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.SpaceSeparator:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.OtherNotAssigned:
                return true;
            default:
                return false;
        }
    }

    private static void AppendEscape(StringBuilder text, char c) =>
        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));

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
