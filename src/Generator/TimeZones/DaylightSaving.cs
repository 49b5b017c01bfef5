using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using Cronos;
using GenScheduler.Generator.Model;

namespace GenScheduler.Generator.TimeZones;

/// <summary>What happens to a cron schedule on one kind of daylight-saving day.</summary>
/// <param name="Kind"><see cref="JobProblemKind.DaylightSavingGap"/> or <see cref="JobProblemKind.DaylightSavingOverlap"/>.</param>
/// <param name="Times">Which fire times are affected: <c>02:30 does not exist</c>.</param>
/// <param name="Consequence">What the scheduler does: <c>the job runs at 03:00 instead</c>.</param>
internal sealed record DaylightSavingNote(JobProblemKind Kind, string Times, string Consequence);

/// <summary>
/// Finds the next spring-forward gap and fall-back overlap of a time zone and says, by asking Cronos itself, what a cron
/// schedule does on those days. Schedules that run every hour are left alone: missing or repeating one hour is what
/// they are expected to do.
/// </summary>
internal static class DaylightSaving
{
    private const int MaxTimesListed = 3;

    /// <summary>The notes for <paramref name="expression"/> in <paramref name="zone"/>, looking two years ahead of <paramref name="fromUtc"/>.</summary>
    public static IReadOnlyList<DaylightSavingNote> Check(string expression, bool includeSeconds, TimeZoneInfo zone, DateTime fromUtc)
    {
        try
        {
            return CheckWithCronos(expression, includeSeconds, zone, fromUtc);
        }
        catch (Exception e) when (e is System.IO.FileNotFoundException or System.IO.FileLoadException or TypeLoadException
            or ArgumentException or CronFormatException)
        {
            return Array.Empty<DaylightSavingNote>();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IReadOnlyList<DaylightSavingNote> CheckWithCronos(string expression, bool includeSeconds, TimeZoneInfo zone, DateTime fromUtc)
    {
        var notes = new List<DaylightSavingNote>();
        if (!zone.SupportsDaylightSavingTime || RunsEveryHour(expression, includeSeconds))
        {
            return notes;
        }

        CronExpression cron = CronExpression.Parse(expression, includeSeconds ? CronFormat.IncludeSeconds : CronFormat.Standard);
        FindTransitions(zone, fromUtc, out DateTime? gap, out DateTime? overlap);
        if (gap is { } g && CheckGap(cron, zone, g) is { } gapNote)
        {
            notes.Add(gapNote);
        }

        if (overlap is { } o && CheckOverlap(cron, zone, o) is { } overlapNote)
        {
            notes.Add(overlapNote);
        }

        return notes;
    }

    private static DaylightSavingNote? CheckGap(CronExpression cron, TimeZoneInfo zone, DateTime transition)
    {
        TimeSpan before = zone.GetUtcOffset(transition.AddTicks(-1)), after = zone.GetUtcOffset(transition);
        DateTime clockStart = AsClock(transition + before), clockEnd = AsClock(transition + after);
        List<DateTime> times = ClockTimes(cron, clockStart, clockEnd);
        if (times.Count == 0)
        {
            return null;
        }

        // Asked from the exact transition, Cronos skips the shifted run; asked from before, it returns it.
        DateTime? actual = null;
        foreach (DateTime occurrence in cron.GetOccurrences(transition.AddHours(-1), transition.AddHours(3), zone))
        {
            if (occurrence >= transition)
            {
                actual = occurrence;
                break;
            }
        }

        bool regularAtEnd = cron.GetNextOccurrence(clockEnd, TimeZoneInfo.Utc, inclusive: true) == clockEnd;
        string consequence = actual is { } a && AsClock(a + after) == clockEnd && !regularAtEnd
            ? (times.Count == 1 ? "the job runs at " : "the job runs once, at ") + Clock(clockEnd) + " instead"
            : "the job does not run then";
        return new DaylightSavingNote(JobProblemKind.DaylightSavingGap, List(times) + (times.Count == 1 ? " does not exist" : " do not exist"), consequence);
    }

    private static DaylightSavingNote? CheckOverlap(CronExpression cron, TimeZoneInfo zone, DateTime transition)
    {
        TimeSpan before = zone.GetUtcOffset(transition.AddTicks(-1)), after = zone.GetUtcOffset(transition);
        TimeSpan repeated = before - after;
        DateTime clockStart = AsClock(transition + after), clockEnd = clockStart + repeated;
        List<DateTime> times = ClockTimes(cron, clockStart, clockEnd);
        if (times.Count == 0)
        {
            return null;
        }

        int actual = 0;
        foreach (DateTime unused in cron.GetOccurrences(transition - repeated, transition + repeated, zone, fromInclusive: true, toInclusive: false))
        {
            actual++;
        }

        string consequence = actual >= 2 * times.Count ? "the job runs both times"
            : times.Count == 1 ? "the job runs once, at the first"
            : "the job runs once for each, at the first";
        return new DaylightSavingNote(JobProblemKind.DaylightSavingOverlap, List(times) + (times.Count == 1 ? " happens twice" : " happen twice"), consequence);
    }

    /// <summary>The first gap and the first overlap within two years: the first instant with the new offset, to the minute.</summary>
    private static void FindTransitions(TimeZoneInfo zone, DateTime fromUtc, out DateTime? gap, out DateTime? overlap)
    {
        gap = null;
        overlap = null;
        DateTime day = new DateTime(fromUtc.Year, fromUtc.Month, fromUtc.Day, 0, 0, 0, DateTimeKind.Utc);
        TimeSpan offset = zone.GetUtcOffset(day);
        for (int i = 0; i < 732 && (gap is null || overlap is null); i++)
        {
            DateTime next = day.AddDays(1);
            TimeSpan nextOffset = zone.GetUtcOffset(next);
            if (nextOffset != offset)
            {
                DateTime low = day, high = next;
                while (high - low > TimeSpan.FromMinutes(1))
                {
                    DateTime middle = low + TimeSpan.FromTicks((high - low).Ticks / 2);
                    if (zone.GetUtcOffset(middle) == offset)
                    {
                        low = middle;
                    }
                    else
                    {
                        high = middle;
                    }
                }

                DateTime transition = new DateTime(high.Ticks - (high.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
                if (zone.GetUtcOffset(transition) == offset)
                {
                    transition = transition.AddMinutes(1);
                }

                if (nextOffset > offset)
                {
                    gap ??= transition;
                }
                else
                {
                    overlap ??= transition;
                }
            }

            day = next;
            offset = nextOffset;
        }
    }

    /// <summary>The clock times in [<paramref name="from"/>, <paramref name="to"/>) at which the schedule fires, read as if the clock never jumped.</summary>
    private static List<DateTime> ClockTimes(CronExpression cron, DateTime from, DateTime to)
    {
        var times = new List<DateTime>();
        foreach (DateTime time in cron.GetOccurrences(from, to, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: false))
        {
            times.Add(time);
        }

        return times;
    }

    private static bool RunsEveryHour(string expression, bool includeSeconds)
    {
        string text = expression.Trim().ToLowerInvariant();
        if (text.StartsWith("@", StringComparison.Ordinal))
        {
            return text is "@hourly" or "@every_minute" or "@every_second";
        }

        string[] fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        int hour = includeSeconds ? 2 : 1;
        return hour < fields.Length && fields[hour] is "*" or "?" or "*/1";
    }

    private static DateTime AsClock(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);

    private static string Clock(DateTime time) =>
        time.ToString(time.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);

    private static string List(List<DateTime> times)
    {
        if (times.Count > MaxTimesListed)
        {
            return string.Format(CultureInfo.InvariantCulture, "the {0} runs from {1} to {2}", times.Count, Clock(times[0]), Clock(times[times.Count - 1]));
        }

        var words = new List<string>(times.Count);
        foreach (DateTime time in times)
        {
            words.Add(Clock(time));
        }

        return Describe.Words.JoinAnd(words);
    }
}
