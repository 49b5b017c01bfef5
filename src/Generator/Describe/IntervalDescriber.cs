using System.Collections.Generic;
using System.Globalization;

namespace GenScheduler.Generator.Describe;

/// <summary>Says an interval in words: <c>every 3 seconds</c>, <c>every 1 minute and 30 seconds</c>, <c>every day</c>.</summary>
internal static class IntervalDescriber
{
    private static readonly (long Ticks, string Unit)[] Units =
    {
        (864_000_000_000, "day"),
        (36_000_000_000, "hour"),
        (600_000_000, "minute"),
        (10_000_000, "second"),
        (10_000, "millisecond"),
    };

    /// <summary>Describes a positive interval given in ticks.</summary>
    public static string Describe(long ticks)
    {
        var parts = new List<(long Count, string Unit)>();
        long rest = ticks;
        foreach ((long unitTicks, string unit) in Units)
        {
            long count = rest / unitTicks;
            rest %= unitTicks;
            if (count > 0)
            {
                parts.Add((count, unit));
            }
        }

        if (rest > 0)
        {
            parts.Add((rest, "tick"));
        }

        if (parts.Count == 1 && parts[0].Count == 1)
        {
            return "every " + parts[0].Unit;
        }

        var words = new List<string>(parts.Count);
        foreach ((long count, string unit) in parts)
        {
            words.Add(Quantity(count, unit));
        }

        return "every " + Words.JoinAnd(words);
    }

    /// <summary><c>1 second</c>, <c>2.5 seconds</c>.</summary>
    public static string Quantity(double count, string unit) =>
        count.ToString("R", CultureInfo.InvariantCulture) + " " + unit + (count == 1 ? string.Empty : "s");
}
