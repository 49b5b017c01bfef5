using System;
using System.Collections.Generic;

namespace GenScheduler.Tests;

public class CronTriggerTests
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 27, 14, 0, 1, TimeSpan.Zero);

    [Fact]
    public void Six_fields_fire_on_seconds()
    {
        var trigger = new CronTrigger("*/5 * * * * *", includeSeconds: true);

        Assert.Equal(
            [Origin.AddSeconds(4), Origin.AddSeconds(9), Origin.AddSeconds(14)],
            Take(trigger, Origin, 3));
    }

    [Fact]
    public void Five_fields_fire_on_minutes()
    {
        var trigger = new CronTrigger("*/15 * * * *", includeSeconds: false);

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 14, 15, 0, TimeSpan.Zero), trigger.GetNextFireTime(Origin, Origin));
    }

    [Theory]
    [InlineData("@hourly", "2026-11-27T15:00:00Z")]
    [InlineData("@daily", "2026-11-28T00:00:00Z")]
    [InlineData("@every_minute", "2026-11-27T14:01:00Z")]
    public void Macros_work(string macro, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            CronTrigger.Parse(macro).GetNextFireTime(Origin, Origin));

    [Fact]
    public void Parse_tells_five_fields_from_six()
    {
        Assert.False(CronTrigger.Parse("0 * * * *").IncludeSeconds);
        Assert.True(CronTrigger.Parse("0 0 * * * *").IncludeSeconds);
        Assert.True(CronTrigger.Parse("@every_second").IncludeSeconds);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Weekday_0_and_7_are_sunday(int weekday)
    {
        var trigger = new CronTrigger($"0 12 * * {weekday}", includeSeconds: false);

        var next = trigger.GetNextFireTime(Origin, Origin)!.Value;

        Assert.Equal(DayOfWeek.Sunday, next.DayOfWeek);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Day_of_month_and_day_of_week_both_restricted_must_both_match()
    {
        // Not Vixie cron's "the 1st, and every Monday": only a 1st that is a Monday (June 2026, then February 2027)
        var trigger = new CronTrigger("0 0 1 * MON", includeSeconds: false);
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var first = trigger.GetNextFireTime(from, from)!.Value;
        var second = trigger.GetNextFireTime(first, from)!.Value;

        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), first);
        Assert.Equal(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), second);
        Assert.All([first, second], t => Assert.Equal(DayOfWeek.Monday, t.DayOfWeek));
    }

    [Fact]
    public void A_time_zone_moves_the_utc_fire_time_across_dst()
    {
        // 09:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer; DST began on 2026-03-29.
        var trigger = new CronTrigger("0 0 9 * * *", includeSeconds: true, "Europe/Berlin");
        var from = new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(
            [
                new DateTimeOffset(2026, 3, 28, 8, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero),
            ],
            Take(trigger, from, 3));
    }

    [Fact]
    public void A_time_in_the_spring_gap_runs_when_the_gap_ends()
    {
        // 02:30 does not exist in Berlin on 2026-03-29: clocks jump from 02:00 to 03:00 (01:00 UTC).
        var trigger = new CronTrigger("0 30 2 * * *", includeSeconds: true, "Europe/Berlin");
        var from = new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(
            [new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero)],
            Take(trigger, from, 2));
    }

    [Fact]
    public void A_time_in_the_autumn_overlap_runs_once()
    {
        // 02:30 happens twice in Berlin on 2026-10-25; a fixed time of day runs at the first (00:30 UTC), not again at 01:30 UTC.
        var trigger = new CronTrigger("0 30 2 * * *", includeSeconds: true, "Europe/Berlin");
        var from = new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(
            [new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 26, 1, 30, 0, TimeSpan.Zero)],
            Take(trigger, from, 2));
    }

    [Fact]
    public void An_hourly_expression_runs_in_both_passes_of_the_autumn_overlap_in_new_york()
    {
        // New York falls back at 02:00 EDT on 2026-11-01: the hour 01:00-02:00 happens twice (05:00 and 06:00 UTC).
        var trigger = new CronTrigger("0 0 * * * *", includeSeconds: true, "America/New_York");
        var from = new DateTimeOffset(2026, 11, 1, 4, 30, 0, TimeSpan.Zero);

        Assert.Equal(
            [
                new DateTimeOffset(2026, 11, 1, 5, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 11, 1, 7, 0, 0, TimeSpan.Zero),
            ],
            Take(trigger, from, 3));
    }

    [Fact]
    public void A_time_in_the_spring_gap_in_new_york_runs_when_the_gap_ends()
    {
        // New York springs forward at 02:00 EST on 2026-03-08: 02:30 does not exist; 03:00 EDT is 07:00 UTC.
        var trigger = new CronTrigger("30 2 * * *", includeSeconds: false, "America/New_York");
        var from = new DateTimeOffset(2026, 3, 7, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(
            [new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 9, 6, 30, 0, TimeSpan.Zero)],
            Take(trigger, from, 2));
    }

    [Fact]
    public void A_time_in_the_autumn_overlap_in_new_york_runs_once()
    {
        // 01:30 happens twice in New York on 2026-11-01 (05:30 and 06:30 UTC); a fixed time of day runs at the first.
        var trigger = new CronTrigger("30 1 * * *", includeSeconds: false, "America/New_York");
        var from = new DateTimeOffset(2026, 10, 31, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(
            [new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 6, 30, 0, TimeSpan.Zero)],
            Take(trigger, from, 2));
    }

    [Fact]
    public void An_every_half_hour_expression_in_berlin_skips_the_missing_hour_in_spring()
    {
        // Clocks go 02:00 -> 03:00 local (01:00 UTC) on 2026-03-29: there is no 02:00 or 02:30 local that day.
        var trigger = new CronTrigger("0 */30 * * * *", includeSeconds: true, "Europe/Berlin");
        var from = new DateTimeOffset(2026, 3, 29, 0, 15, 0, TimeSpan.Zero); // 01:15 local

        Assert.Equal(
            [
                new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero), // 01:30 CET
                new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero),  // 03:00 CEST
                new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), // 03:30 CEST
            ],
            Take(trigger, from, 3));
    }

    [Fact]
    public void A_bad_expression_says_what_was_expected_and_why_it_failed()
    {
        var error = Assert.Throws<FormatException>(() => new CronTrigger("61 * * * *", includeSeconds: false));

        Assert.Contains("\"61 * * * *\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("five fields (minute hour day month weekday)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_time_zone_names_the_zone_and_the_expression()
    {
        var error = Assert.Throws<TimeZoneNotFoundException>(() => new CronTrigger("0 * * * *", false, "Mars/Olympus_Mons"));

        Assert.Contains("Mars/Olympus_Mons", error.Message, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latest_fire_time_of_a_ten_year_backlog_bisects_instead_of_iterating()
    {
        var trigger = new CronTrigger("* * * * * *", includeSeconds: true);
        var due = Origin.AddSeconds(1);
        var now = Origin.AddYears(10).AddMilliseconds(500);

        Assert.Equal(now.AddMilliseconds(-500), trigger.GetLatestFireTime(due, now, Origin));
    }

    [Fact]
    public void Prints_like_apscheduler_with_the_zone_when_not_utc()
    {
        Assert.Equal("cron[*/5 * * * * *]", new CronTrigger("*/5 * * * * *", true).ToString());
        Assert.Equal("cron[0 9 * * *, Europe/Berlin]", new CronTrigger("0 9 * * *", false, "Europe/Berlin").ToString());
    }

    private static List<DateTimeOffset> Take(JobTrigger trigger, DateTimeOffset from, int count)
    {
        var times = new List<DateTimeOffset>();
        var cursor = from;
        while (times.Count < count && trigger.GetNextFireTime(cursor, from) is { } next)
        {
            times.Add(next);
            cursor = next;
        }

        return times;
    }
}
