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

    /// <summary>The units as written, for messages: <c>Minutes = 1, Seconds = 30</c>, or <c>(no units)</c>.</summary>
    public static string AsWritten(int days, int hours, int minutes, int seconds, int milliseconds)
    {
        var parts = new List<string>();
        Add(parts, "Days", days);
        Add(parts, "Hours", hours);
        Add(parts, "Minutes", minutes);
        Add(parts, "Seconds", seconds);
        Add(parts, "Milliseconds", milliseconds);
        return parts.Count == 0 ? JobProblem.IntervalNoUnits : string.Join(", ", parts);

        static void Add(List<string> parts, string name, int value)
        {
            if (value != 0)
            {
                parts.Add(string.Format(CultureInfo.InvariantCulture, "{0} = {1}", name, value));
            }
        }
    }
}
