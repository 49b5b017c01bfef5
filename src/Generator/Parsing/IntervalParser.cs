using System;
using System.Collections.Generic;
using System.Globalization;
using GenScheduler.Generator.Model;

namespace GenScheduler.Generator.Parsing;

/// <summary>Adds up an <c>[Interval]</c> attribute's units in ticks, with an overflow check.</summary>
internal static class IntervalParser
{
    /// <summary>Ticks in one millisecond, second, minute, hour and day.</summary>
    private const long TicksPerMillisecond = 10_000, TicksPerSecond = 1000 * TicksPerMillisecond,
        TicksPerMinute = 60 * TicksPerSecond, TicksPerHour = 60 * TicksPerMinute, TicksPerDay = 24 * TicksPerHour;

    /// <summary>
    /// Builds the interval trigger, or says why not: zero or negative (<see cref="JobProblemKind.NonPositiveInterval"/>)
    /// or longer than a <c>TimeSpan</c> holds (<see cref="JobProblemKind.IntervalOverflow"/>).
    /// </summary>
    /// <returns>The trigger, or <see langword="null"/> with <paramref name="error"/> set.</returns>
    public static IntervalTriggerModel? Parse(int days, int hours, int minutes, int seconds, int milliseconds, out JobProblemKind? error)
    {
        error = null;
        long ticks;
        try
        {
            ticks = checked((days * TicksPerDay) + (hours * TicksPerHour) + (minutes * TicksPerMinute)
                + (seconds * TicksPerSecond) + (milliseconds * TicksPerMillisecond));
        }
        catch (OverflowException)
        {
            error = JobProblemKind.IntervalOverflow;
            return null;
        }

        if (ticks <= 0)
        {
            error = JobProblemKind.NonPositiveInterval;
            return null;
        }

        return new IntervalTriggerModel(days, hours, minutes, seconds, milliseconds, ticks);
    }

    /// <summary>
    /// The units the attribute sets, as written, for messages: <c>Minutes = 1, Seconds = 30</c>, a unit set to zero
    /// included (<c>Seconds = 0</c>); <see cref="JobProblem.IntervalNoUnits"/> when it sets none.
    /// </summary>
    /// <param name="units">Each unit the attribute sets, with its value, in the order Days, Hours, Minutes, Seconds, Milliseconds.</param>
    public static string AsWritten(IEnumerable<KeyValuePair<string, int>> units)
    {
        var parts = new List<string>();
        foreach (KeyValuePair<string, int> unit in units)
        {
            parts.Add(string.Format(CultureInfo.InvariantCulture, "{0} = {1}", unit.Key, unit.Value));
        }

        return parts.Count == 0 ? JobProblem.IntervalNoUnits : string.Join(", ", parts);
    }

    /// <summary>
    /// What a total of zero or less is, for <see cref="JobProblemKind.NonPositiveInterval"/>: <c>is zero</c>,
    /// <c>is negative</c>, or with several units <c>adds up to zero</c>, <c>adds up to a negative length</c>.
    /// </summary>
    public static string NonPositiveTotal(int days, int hours, int minutes, int seconds, int milliseconds, int unitsSet)
    {
        long ticks = (days * TicksPerDay) + (hours * TicksPerHour) + (minutes * TicksPerMinute) + (seconds * TicksPerSecond) + (milliseconds * TicksPerMillisecond);
        return unitsSet > 1
            ? (ticks == 0 ? "adds up to zero" : "adds up to a negative length")
            : (ticks == 0 ? "is zero" : "is negative");
    }
}
