using System;

namespace GenScheduler.Tests;

public class IntervalTriggerTests
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    [Fact]
    public void Start_and_end_read_back_as_given_in_their_own_offsets_and_are_absent_when_not_given()
    {
        // Kept as UTC ticks and an offset (48 bytes, not 80), read back as the same instants in the same offsets
        var start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(1));
        var end = new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.FromMinutes(-330));
        var trigger = new IntervalTrigger(TimeSpan.FromMinutes(90), start, end);

        Assert.Equal(TimeSpan.FromMinutes(90), trigger.Interval);
        Assert.Equal(start, trigger.Start);
        Assert.Equal(start.Offset, trigger.Start!.Value.Offset);
        Assert.Equal(end.Offset, trigger.End!.Value.Offset);
        Assert.Equal(end.DateTime, trigger.End.Value.DateTime);
        Assert.Null(new IntervalTrigger(TimeSpan.FromSeconds(1)).Start);
        Assert.Null(new IntervalTrigger(TimeSpan.FromSeconds(1)).End);
        Assert.Null(trigger.GetNextFireTime(end, start));
    }

    [Fact]
    public void First_fire_is_one_interval_after_the_origin()
    {
        var trigger = new IntervalTrigger(Three);

        Assert.Equal(Origin + Three, trigger.GetNextFireTime(Origin.AddTicks(-1), Origin));
        Assert.Equal(Origin + Three, trigger.GetNextFireTime(Origin, Origin));
    }

    [Fact]
    public void Next_fire_is_the_next_grid_point_whatever_instant_it_is_asked_from()
    {
        var trigger = new IntervalTrigger(Three);

        // Asked from a late instant (a slow run ended at 7.9 s), the answer stays on the grid: 9 s, not 10.9 s.
        Assert.Equal(Origin.AddSeconds(9), trigger.GetNextFireTime(Origin.AddSeconds(7.9), Origin));
        Assert.Equal(Origin.AddSeconds(9), trigger.GetNextFireTime(Origin.AddSeconds(6), Origin));
    }

    [Fact]
    public void An_explicit_start_anchors_the_grid_and_is_itself_the_first_fire()
    {
        var start = Origin.AddSeconds(-10);
        var trigger = new IntervalTrigger(Three, start);

        Assert.Equal(start, trigger.GetNextFireTime(start.AddTicks(-1), Origin));
        Assert.Equal(Origin.AddSeconds(2), trigger.GetNextFireTime(Origin.AddTicks(-1), Origin));
    }

    [Fact]
    public void The_end_is_inclusive_and_then_the_trigger_is_done()
    {
        var trigger = new IntervalTrigger(Three, end: Origin.AddSeconds(6));

        Assert.Equal(Origin.AddSeconds(6), trigger.GetNextFireTime(Origin.AddSeconds(3), Origin));
        Assert.Null(trigger.GetNextFireTime(Origin.AddSeconds(6), Origin));
    }

    [Fact]
    public void Latest_fire_time_of_a_ten_year_backlog_is_arithmetic()
    {
        var trigger = new IntervalTrigger(Three);
        var due = Origin + Three;
        var now = Origin.AddYears(10).AddSeconds(1);

        var latest = trigger.GetLatestFireTime(due, now, Origin);

        Assert.True(latest <= now && now - latest < Three);
        Assert.Equal(0, (latest - Origin).Ticks % Three.Ticks);
    }

    [Fact]
    public void A_grid_that_would_pass_the_end_of_time_ends_instead_of_overflowing()
    {
        var trigger = new IntervalTrigger(TimeSpan.FromDays(3650));

        Assert.Null(trigger.GetNextFireTime(DateTimeOffset.MaxValue.AddDays(-1), Origin));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_non_positive_interval_is_refused_with_the_fix(long ticks)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalTrigger(TimeSpan.FromTicks(ticks)));
        Assert.Contains("must be positive", error.Message, StringComparison.Ordinal);
        Assert.Contains("Seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prints_like_apscheduler() =>
        Assert.Equal("interval[0:01:30]", new IntervalTrigger(TimeSpan.FromSeconds(90)).ToString());
}
