using System;
using Cronos;

namespace GenScheduler;

/// <summary>
/// Fires on a cron schedule in a time zone, through Cronos. Daylight-saving changes follow Cronos's rules:
/// a time that falls in the spring gap runs at the end of the gap, a time in the autumn overlap runs once
/// (the first time for a fixed time of day; both passes for expressions that run every hour or more often).
/// </summary>
public sealed class CronTrigger : JobTrigger
{
    // Cron has no year: if an expression fires at all it fires within a few years of any instant, this one included.
    private static readonly DateTimeOffset LookoutOrigin = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly CronExpression _expression;

    /// <summary>Creates a cron trigger.</summary>
    /// <param name="expression">The cron expression.</param>
    /// <param name="includeSeconds"><see langword="true"/> for six fields with a leading seconds field; <see langword="false"/> for five.</param>
    /// <param name="timeZoneId">An IANA or Windows time-zone id; UTC when <see langword="null"/>.</param>
    /// <param name="start">No run before this instant; none when omitted.</param>
    /// <param name="end">No run after this instant, inclusive; none when omitted.</param>
    /// <exception cref="FormatException">The expression does not parse.</exception>
    /// <exception cref="TimeZoneNotFoundException">The time zone is not known on this machine (or cannot be read).</exception>
    /// <exception cref="ArgumentException">The expression never fires (within the window), or the end is before the start.</exception>
    public CronTrigger(string expression, bool includeSeconds, string? timeZoneId = null, DateTimeOffset? start = null, DateTimeOffset? end = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        try
        {
            _expression = CronExpression.Parse(expression, includeSeconds ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            string shape = includeSeconds ? "six fields (second minute hour day month weekday)" : "five fields (minute hour day month weekday)";
            throw new FormatException($"The cron expression \"{expression}\" does not parse as {shape}: {e.Message}", e);
        }

        TimeZone = FindTimeZone(timeZoneId, expression);

        if (start is { } s && end is { } e2 && e2 < s)
        {
            throw new ArgumentException($"The cron trigger's end {e2:O} is before its start {s:O}.", nameof(end));
        }

        Expression = expression;
        IncludeSeconds = includeSeconds;
        Start = start;
        End = end;

        // One look ahead from the start of the calendar (or of the window): an expression that can never match, such as
        // "0 0 30 2 *", is refused here, where the message can name it, not discovered later as a job that vanished.
        if (GetNextFireTime(start?.AddTicks(-1) ?? LookoutOrigin, LookoutOrigin) is null)
        {
            string window = start is null && end is null ? "" : $" between {start?.ToString("O") ?? "the beginning"} and {end?.ToString("O") ?? "the end of time"}";
            throw new ArgumentException(
                $"The cron expression \"{expression}\" never fires{window}: check the day and the month (February has 29 days at most; April, June, September and November have 30), or the window.",
                nameof(expression));
        }
    }

    /// <summary>
    /// Creates a cron trigger, telling five fields from six by counting them. The generator decides this at
    /// compile time; this is for jobs added at run time.
    /// </summary>
    /// <param name="expression">The cron expression, with five or six fields, or a macro such as <c>@hourly</c>.</param>
    /// <param name="timeZoneId">An IANA or Windows time-zone id; UTC when <see langword="null"/>.</param>
    /// <returns>The trigger.</returns>
    public static CronTrigger Parse(string expression, string? timeZoneId = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        int fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return new CronTrigger(expression, includeSeconds: fields == 6 || expression.Trim() == "@every_second", timeZoneId);
    }

    /// <summary>The expression as written.</summary>
    public string Expression { get; }

    /// <summary>Whether the expression has a leading seconds field.</summary>
    public bool IncludeSeconds { get; }

    /// <summary>The time zone the expression is read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>No run before this instant, or <see langword="null"/>.</summary>
    public DateTimeOffset? Start { get; }

    /// <summary>No run after this instant (inclusive), or <see langword="null"/>.</summary>
    public DateTimeOffset? End { get; }

    /// <summary>Finds a time zone by IANA or Windows id; any failure to read it becomes a <see cref="TimeZoneNotFoundException"/> that names the expression.</summary>
    private static TimeZoneInfo FindTimeZone(string? timeZoneId, string expression)
    {
        if (timeZoneId is null)
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException
            or System.IO.IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new TimeZoneNotFoundException(
                $"The time zone \"{timeZoneId}\" of cron expression \"{expression}\" is not known on this machine ({e.GetType().Name}: {e.Message}). Use an IANA id such as \"Europe/Berlin\".", e);
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset? GetNextFireTime(DateTimeOffset after, DateTimeOffset origin)
    {
        bool inclusive = false;
        DateTime from = after.UtcDateTime;
        if (Start is { } start && start > after)
        {
            from = start.UtcDateTime;
            inclusive = true;
        }

        DateTime? next = _expression.GetNextOccurrence(from, TimeZone, inclusive);
        if (next is not { } utc || (End is { } end && utc > end.UtcDateTime))
        {
            return null;
        }

        return new DateTimeOffset(utc, TimeSpan.Zero);
    }

    /// <inheritdoc />
    public override string ToString() =>
        TimeZone == TimeZoneInfo.Utc ? $"cron[{Expression}]" : $"cron[{Expression}, {TimeZone.Id}]";
}
