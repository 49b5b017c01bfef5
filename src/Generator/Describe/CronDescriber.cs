using System;
using System.Collections.Generic;
using System.Globalization;

namespace GenScheduler.Generator.Describe;

/// <summary>
/// Says a cron expression in words for the job table's doc comments. Handles the common shapes of each field
/// (<c>*</c>, <c>*/n</c>, a value, a list of values, a range, <c>L</c> for the day, names, macros) and gives up,
/// returning <see langword="null"/>, on anything less regular rather than describe it wrongly.
/// </summary>
internal static class CronDescriber
{
    private static readonly string[] MonthNames =
        { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December" };

    private static readonly string[] DayNames = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };

    private static readonly string[] MonthAbbreviations = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };

    private static readonly string[] DayAbbreviations = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT" };

    /// <summary>Describes a valid cron expression, or returns <see langword="null"/> when its shape is too irregular.</summary>
    /// <param name="expression">Five or six fields, or a macro.</param>
    /// <returns>For example <c>every 5 minutes</c> or <c>at 09:00 on Monday through Friday</c>.</returns>
    public static string? Describe(string expression)
    {
        string text = expression.Trim();
        if (text.StartsWith("@", StringComparison.Ordinal))
        {
            if (ExpandMacro(text) is not { } expanded)
            {
                return null;
            }

            text = expanded;
        }

        string[] fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 5)
        {
            fields = new[] { "0", fields[0], fields[1], fields[2], fields[3], fields[4] };
        }
        else if (fields.Length != 6)
        {
            return null;
        }

        Field? second = Field.Parse(fields[0], 60, null, 0, allowLast: false);
        Field? minute = Field.Parse(fields[1], 60, null, 0, allowLast: false);
        Field? hour = Field.Parse(fields[2], 24, null, 0, allowLast: false);
        Field? day = Field.Parse(fields[3], 0, null, 0, allowLast: true);
        Field? month = Field.Parse(fields[4], 0, MonthAbbreviations, 1, allowLast: false);
        Field? weekday = Field.Parse(fields[5], 0, DayAbbreviations, 0, allowLast: false);
        if (second is null || minute is null || hour is null || day is null || month is null || weekday is null)
        {
            return null;
        }

        string? time = DescribeTime(second, minute, hour, out bool timeOfDay);
        string? days = DescribeDays(day, month, weekday);
        if (time is null || days is null)
        {
            return null;
        }

        if (!timeOfDay)
        {
            return days.Length == 0 ? time : time + " " + days;
        }

        return days.Length == 0 ? time + " every day"
            : days.StartsWith("in ", StringComparison.Ordinal) ? time + " every day " + days
            : time + " " + days;
    }

    private static string? ExpandMacro(string macro) => macro.ToLowerInvariant() switch
    {
        "@every_second" => "* * * * * *",
        "@every_minute" => "* * * * *",
        "@hourly" => "0 * * * *",
        "@daily" or "@midnight" => "0 0 * * *",
        "@weekly" => "0 0 * * 0",
        "@monthly" => "0 0 1 * *",
        "@yearly" or "@annually" => "0 0 1 1 *",
        _ => null,
    };

    private static string? DescribeTime(Field second, Field minute, Field hour, out bool timeOfDay)
    {
        timeOfDay = false;
        if (second.IsValues && minute.IsValues && hour.IsValues)
        {
            if (second.Values.Count * minute.Values.Count * hour.Values.Count > 4)
            {
                return null;
            }

            bool withSeconds = second.Values.Exists(static s => s != 0);
            var times = new List<string>();
            foreach (int h in hour.Values)
            {
                foreach (int m in minute.Values)
                {
                    foreach (int s in second.Values)
                    {
                        times.Add(Clock(h, m, withSeconds ? s : null));
                    }
                }
            }

            timeOfDay = true;
            return "at " + Words.JoinAnd(times);
        }

        if (hour.IsAny)
        {
            return DescribeWithinHour(second, minute);
        }

        if (hour.IsStep)
        {
            return minute.IsSingle && second.IsSingle
                ? $"every {hour.Step} hours" + AtMinuteAndSecond(minute.Single, second.Single)
                : null;
        }

        // Some hours of the day, and something more frequent than once an hour within them.
        string hours = hour.IsRange ? $"from {hour.From:00}:00 through {hour.To:00}:59"
            : hour.IsSingle ? $"from {hour.Single:00}:00 through {hour.Single:00}:59"
            : "during hours " + Words.JoinAnd(hour.Values.ConvertAll(static h => h.ToString(CultureInfo.InvariantCulture)));
        if (second.IsZero && minute.IsStep)
        {
            return $"every {minute.Step} minutes {hours}";
        }

        if (second.IsZero && minute.IsAny)
        {
            return "every minute " + hours;
        }

        if (second.IsAny && minute.IsAny)
        {
            return "every second " + hours;
        }

        if (hour.IsRange && minute.IsSingle && second.IsSingle)
        {
            int? s = second.Single == 0 ? null : second.Single;
            return $"every hour from {Clock(hour.From, minute.Single, s)} through {Clock(hour.To, minute.Single, s)}";
        }

        return null;
    }

    private static string? DescribeWithinHour(Field second, Field minute)
    {
        if (minute.IsAny)
        {
            return second.IsAny ? "every second"
                : second.IsStep ? $"every {second.Step} seconds"
                : second.IsZero ? "every minute"
                : second.IsValues ? "every minute at " + Plural("second", second.Values)
                : null;
        }

        if (minute.IsStep)
        {
            return second.IsSingle ? $"every {minute.Step} minutes" + (second.Single == 0 ? string.Empty : $" at second {second.Single}") : null;
        }

        if (minute.IsValues && second.IsSingle)
        {
            return minute.IsZero && second.IsZero
                ? "every hour"
                : "every hour at " + Plural("minute", minute.Values) + (second.Single == 0 ? string.Empty : $", second {second.Single}");
        }

        return minute.IsRange && second.IsZero ? $"every minute from minute {minute.From} through {minute.To} of every hour" : null;
    }

    private static string? DescribeDays(Field day, Field month, Field weekday)
    {
        if (!day.IsAny && !weekday.IsAny)
        {
            return null;
        }

        string? months = month.IsAny ? string.Empty
            : month.IsValues ? Words.JoinAnd(month.Values.ConvertAll(static m => MonthNames[m - 1]))
            : month.IsRange ? $"{MonthNames[month.From - 1]} through {MonthNames[month.To - 1]}"
            : null;
        if (months is null)
        {
            return null;
        }

        if (!weekday.IsAny)
        {
            var distinctDays = new SortedSet<int>(weekday.Values.ConvertAll(static d => d % 7));
            string? weekdays = weekday.IsValues ? Words.JoinAnd(new List<int>(distinctDays).ConvertAll(static d => DayNames[d]))
                : weekday.IsRange ? $"{DayNames[weekday.From % 7]} through {DayNames[weekday.To % 7]}"
                : null;
            return weekdays is null ? null : "on " + weekdays + (months.Length == 0 ? string.Empty : " in " + months);
        }

        if (!day.IsAny)
        {
            string? days = day.IsLast ? "the last day"
                : day.IsValues ? Plural("day", day.Values)
                : day.IsRange ? $"days {day.From} through {day.To}"
                : null;
            return days is null ? null : "on " + days + " of " + (months.Length == 0 ? "every month" : months);
        }

        return months.Length == 0 ? string.Empty : "in " + months;
    }

    private static string AtMinuteAndSecond(int minute, int second) =>
        minute == 0 && second == 0 ? string.Empty
            : second == 0 ? $" at minute {minute}"
            : $" at minute {minute}, second {second}";

    private static string Plural(string unit, List<int> values) =>
        values.Count == 1
            ? $"{unit} {values[0]}"
            : $"{unit}s " + Words.JoinAnd(values.ConvertAll(static v => v.ToString(CultureInfo.InvariantCulture)));

    private static string Clock(int hour, int minute, int? second) =>
        second is { } s
            ? string.Format(CultureInfo.InvariantCulture, "{0:00}:{1:00}:{2:00}", hour, minute, s)
            : string.Format(CultureInfo.InvariantCulture, "{0:00}:{1:00}", hour, minute);

    /// <summary>One cron field in one of the regular shapes the describer knows.</summary>
    private sealed class Field
    {
        private Field(bool isAny, int step, List<int> values, int from, int to, bool isLast)
        {
            IsAny = isAny;
            Step = step;
            Values = values;
            From = from;
            To = to;
            IsLast = isLast;
        }

        public bool IsAny { get; }

        /// <summary>The <c>n</c> of <c>*/n</c>, or 0.</summary>
        public int Step { get; }

        /// <summary>The listed values (one or more), or empty.</summary>
        public List<int> Values { get; }

        /// <summary>The range's first value.</summary>
        public int From { get; }

        /// <summary>The range's last value, or -1 when the field is not a range.</summary>
        public int To { get; }

        /// <summary>The day-of-month field is <c>L</c>.</summary>
        public bool IsLast { get; }

        public bool IsStep => Step > 0;

        public bool IsValues => Values.Count > 0;

        public bool IsRange => To >= 0;

        public bool IsSingle => Values.Count == 1;

        public int Single => Values[0];

        public bool IsZero => IsSingle && Values[0] == 0;

        /// <summary>Reads a field, or returns <see langword="null"/> for a shape the describer does not put in words.</summary>
        /// <param name="text">The field's text.</param>
        /// <param name="cycle">For <c>*/n</c>: the field's cycle (60, 24); the step is described only when it divides it. 0: steps are not described.</param>
        /// <param name="names">Names allowed in place of numbers (<c>JAN</c>, <c>MON</c>), or <see langword="null"/>.</param>
        /// <param name="firstNameValue">The value of the first name.</param>
        /// <param name="allowLast">Whether <c>L</c> (last day of the month) is allowed.</param>
        public static Field? Parse(string text, int cycle, string[]? names, int firstNameValue, bool allowLast)
        {
            var none = new List<int>();
            if (text is "*" or "?")
            {
                return new Field(true, 0, none, 0, -1, false);
            }

            if (allowLast && text is "L" or "l")
            {
                return new Field(false, 0, none, 0, -1, true);
            }

            if (text.StartsWith("*/", StringComparison.Ordinal))
            {
                if (cycle == 0 || !int.TryParse(text.Substring(2), NumberStyles.None, CultureInfo.InvariantCulture, out int step) || step < 1 || cycle % step != 0)
                {
                    return null;
                }

                return step == 1 ? new Field(true, 0, none, 0, -1, false) : new Field(false, step, none, 0, -1, false);
            }

            string[] range = text.Split('-');
            if (range.Length == 2 && Value(range[0], names, firstNameValue) is { } from && Value(range[1], names, firstNameValue) is { } to && from < to)
            {
                return new Field(false, 0, none, from, to, false);
            }

            var values = new List<int>();
            foreach (string item in text.Split(','))
            {
                if (Value(item, names, firstNameValue) is not { } value)
                {
                    return null;
                }

                if (!values.Contains(value))
                {
                    values.Add(value);
                }
            }

            values.Sort();
            return new Field(false, 0, values, 0, -1, false);
        }

        private static int? Value(string text, string[]? names, int firstNameValue)
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                return number;
            }

            if (names is not null)
            {
                int index = Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
                if (index >= 0)
                {
                    return index + firstNameValue;
                }
            }

            return null;
        }
    }
}
