using System.Collections.Generic;

namespace GenScheduler.Generator.Describe;

/// <summary>Joins words into English lists.</summary>
internal static class Words
{
    /// <summary><c>a</c>, <c>a and b</c>, <c>a, b and c</c>.</summary>
    public static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", Take(items, items.Count - 1)) + " and " + items[items.Count - 1],
    };

    /// <summary><c>a</c>, <c>a or b</c>, <c>a, b or c</c>.</summary>
    public static string JoinOr(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", Take(items, items.Count - 1)) + " or " + items[items.Count - 1],
    };

    private static IEnumerable<string> Take(IReadOnlyList<string> items, int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return items[i];
        }
    }
}
