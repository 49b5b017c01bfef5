using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace GenScheduler.Analyzer.Tests.Infrastructure;

/// <summary>An expected diagnostic: its id and the exact span it must cover.</summary>
/// <param name="Id">The diagnostic id.</param>
/// <param name="Span">The span in the source without markup.</param>
internal sealed record ExpectedDiagnostic(string Id, TextSpan Span);

/// <summary>
/// Reads test sources with expected diagnostics marked in place: <c>{|GS0010:"0 0 32 * *"|}</c> expects GS0010 on exactly
/// the text between the markers. Markers may nest.
/// </summary>
internal static class Markup
{
    /// <summary>The source without markup, and the diagnostics it marks.</summary>
    public static (string Source, List<ExpectedDiagnostic> Expected) Parse(string markup)
    {
        var text = new StringBuilder();
        var expected = new List<ExpectedDiagnostic>();
        var open = new Stack<(string Id, int Start)>();
        for (int i = 0; i < markup.Length; i++)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                int colon = markup.IndexOf(':', i + 2);
                open.Push((markup.Substring(i + 2, colon - i - 2), text.Length));
                i = colon;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                (string id, int start) = open.Pop();
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, text.Length)));
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }

        if (open.Count > 0)
        {
            throw new ArgumentException("Unclosed {| marker in the test source.", nameof(markup));
        }

        return (text.ToString(), expected);
    }
}
