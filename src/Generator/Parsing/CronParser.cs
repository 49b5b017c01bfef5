using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using Cronos;
using GenScheduler.Generator.Model;

namespace GenScheduler.Generator.Parsing;

/// <summary>What <see cref="CronParser.Parse"/> found.</summary>
/// <param name="Expression">The expression, trimmed.</param>
/// <param name="IncludeSeconds">Whether it has a seconds field.</param>
/// <param name="Error">What is wrong, or <see langword="null"/> when it parses.</param>
/// <param name="Detail">For <see cref="JobProblemKind.WrongCronFieldCount"/> the field count; for
/// <see cref="JobProblemKind.InvalidCronExpression"/> what is wrong: Cronos's message with the field and its value; otherwise empty.</param>
internal sealed record CronParseResult(string Expression, bool IncludeSeconds, JobProblemKind? Error, string Detail)
{
    /// <summary>Whether the expression parses.</summary>
    public bool IsValid => Error is null;
}

/// <summary>
/// Parses cron text at compile time with Cronos, the library the runtime uses, and tells five fields from six.
/// </summary>
internal static class CronParser
{
    /// <summary>The macro that needs the seconds format: it fires every second.</summary>
    public const string EverySecondMacro = "@every_second";

    /// <summary>
    /// Trims <paramref name="expression"/> and parses it. A macro (starting with <c>@</c>) parses in either format in
    /// Cronos; <c>@every_second</c> is marked as including seconds, the others not. Otherwise five whitespace-separated
    /// fields parse as <see cref="CronFormat.Standard"/> and six as <see cref="CronFormat.IncludeSeconds"/>.
    /// </summary>
    /// <param name="expression">The attribute's expression; may be <see langword="null"/>.</param>
    /// <returns>The result; never throws.</returns>
    public static CronParseResult Parse(string? expression)
    {
        string text = expression?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return new CronParseResult(text, false, JobProblemKind.EmptyCronExpression, string.Empty);
        }

        bool includeSeconds;
        if (text[0] == '@')
        {
            includeSeconds = string.Equals(text, EverySecondMacro, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            int fields = CountFields(text);
            if (fields != 5 && fields != 6)
            {
                return new CronParseResult(text, false, JobProblemKind.WrongCronFieldCount, fields.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            includeSeconds = fields == 6;
        }

        string? error = Validate(text, includeSeconds);
        if (error is not null)
        {
            error = Explain(text, includeSeconds, error);
        }

        return error is null
            ? new CronParseResult(text, includeSeconds, null, string.Empty)
            : new CronParseResult(text, includeSeconds, JobProblemKind.InvalidCronExpression, error);
    }

    /// <summary>
    /// Whether a valid expression can never fire, between <paramref name="start"/> and <paramref name="end"/> when given.
    /// Looks for the first occurrence from 2000-01-01 (or the start) as Cronos does, through every year it knows, so a
    /// date that exists only in leap years (February 29) still fires.
    /// </summary>
    /// <param name="expression">A valid expression.</param>
    /// <param name="includeSeconds">Its format.</param>
    /// <param name="timeZone">The zone to read it in, or <see langword="null"/> for UTC; the window is checked only when the zone is known here.</param>
    /// <param name="start">No run before this, or <see langword="null"/>.</param>
    /// <param name="end">No run after this, or <see langword="null"/>.</param>
    /// <returns><see langword="null"/> when it fires; otherwise the window it never fires in (empty for never at all).</returns>
    public static string? NeverFires(string expression, bool includeSeconds, string? timeZone, InstantModel? start, InstantModel? end)
    {
        try
        {
            return NeverFiresWithCronos(expression, includeSeconds, timeZone, start, end);
        }
        catch (Exception e) when (e is System.IO.FileNotFoundException or System.IO.FileLoadException or TypeLoadException
            or ArgumentException or CronFormatException)
        {
            return null;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string? NeverFiresWithCronos(string expression, bool includeSeconds, string? timeZone, InstantModel? start, InstantModel? end)
    {
        CronExpression cron = CronExpression.Parse(expression, includeSeconds ? CronFormat.IncludeSeconds : CronFormat.Standard);
        var origin = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        if (cron.GetNextOccurrence(origin, TimeZoneInfo.Utc, inclusive: true) is null)
        {
            return string.Empty;
        }

        if (start is null && end is null)
        {
            return null;
        }

        TimeZoneInfo zone = TimeZoneInfo.Utc;
        if (timeZone is not null && !TimeZones.TimeZoneIds.TryFind(timeZone, out zone))
        {
            return null;
        }

        DateTime from = start is null ? origin : start.Value.UtcDateTime;
        DateTime? next = cron.GetNextOccurrence(from, zone, inclusive: true);
        if (next is { } n && (end is null || n <= end.Value.UtcDateTime))
        {
            return null;
        }

        return start is null ? " before End " + end
            : end is null ? " after Start " + start
            : " between Start " + start + " and End " + end;
    }

    /// <summary>
    /// Cronos's complaint made specific: <c>the Days of month field (3rd) is "32": value must be a number between 1 and 31
    /// (all inclusive)</c>. Falls back to Cronos's words when they name no field.
    /// </summary>
    private static string Explain(string text, bool includeSeconds, string message)
    {
        const string Prefix = "invalid format.";
        int at = message.IndexOf(Prefix, StringComparison.Ordinal);
        string detail = (at >= 0 ? message.Substring(at + Prefix.Length) : message).Trim();
        int colon = detail.IndexOf(':');
        if (colon <= 0)
        {
            return detail;
        }

        string field = detail.Substring(0, colon);
        int index = Array.IndexOf(FieldNames, field) - (includeSeconds ? 0 : 1);
        string[] fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (index < 0 || index >= fields.Length)
        {
            return detail;
        }

        string rest = detail.Substring(colon + 1).Trim();
        if (rest.Length > 0)
        {
            rest = char.ToLowerInvariant(rest[0]) + rest.Substring(1);
        }

        return string.Format(CultureInfo.InvariantCulture, "the {0} field ({1}) is \"{2}\": {3}", field, Ordinal(index + 1), fields[index], rest);
    }

    private static readonly string[] FieldNames = { "Seconds", "Minutes", "Hours", "Days of month", "Months", "Days of week" };

    private static string Ordinal(int n) => n switch
    {
        1 => "1st",
        2 => "2nd",
        3 => "3rd",
        _ => n.ToString(CultureInfo.InvariantCulture) + "th",
    };

    /// <summary>Counts the whitespace-separated fields of <paramref name="text"/>.</summary>
    public static int CountFields(string text)
    {
        int count = 0;
        bool inField = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inField = false;
            }
            else if (!inField)
            {
                inField = true;
                count++;
            }
        }

        return count;
    }

    /// <summary>Cronos's complaint about the expression, or <see langword="null"/> when it parses.</summary>
    private static string? Validate(string text, bool includeSeconds)
    {
        try
        {
            return ValidateWithCronos(text, includeSeconds);
        }
        catch (Exception e) when (e is System.IO.FileNotFoundException or System.IO.FileLoadException or TypeLoadException)
        {
            // Cronos did not load beside the generator: accept the text; the runtime parses it again at start-up.
            return null;
        }
    }

    // Kept apart so that a missing Cronos.dll fails at this call, inside the catch above, not when Parse is compiled.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string? ValidateWithCronos(string text, bool includeSeconds)
    {
        try
        {
            CronExpression.Parse(text, includeSeconds ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return null;
        }
        catch (CronFormatException e)
        {
            return e.Message;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
