using System;

namespace GenScheduler.Tests;

public class AnyTriggerTests
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Fires_at_the_earliest_of_its_triggers_and_once_when_they_coincide()
    {
        // Every 2 s and every 3 s: 2, 3, 4, 6 (both: once), 8, 9.
        var trigger = new AnyTrigger(new IntervalTrigger(TimeSpan.FromSeconds(2)), new IntervalTrigger(TimeSpan.FromSeconds(3)));

        var cursor = Origin;
        var seconds = new System.Collections.Generic.List<double>();
        for (int i = 0; i < 6; i++)
        {
            cursor = trigger.GetNextFireTime(cursor, Origin)!.Value;
            seconds.Add((cursor - Origin).TotalSeconds);
        }

        Assert.Equal([2, 3, 4, 6, 8, 9], seconds);
    }

    [Fact]
    public void Keeps_each_interval_on_its_own_grid_when_another_trigger_fired_in_between()
    {
        // A cron at 14:00:05 must not shift the 3 s grid: after 5 s the interval's next is 6 s, not 8 s.
        var trigger = new AnyTrigger(new IntervalTrigger(TimeSpan.FromSeconds(3)), new CronTrigger("5 0 14 * * *", true));

        Assert.Equal(Origin.AddSeconds(5), trigger.GetNextFireTime(Origin.AddSeconds(3), Origin));
        Assert.Equal(Origin.AddSeconds(6), trigger.GetNextFireTime(Origin.AddSeconds(5), Origin));
    }

    [Fact]
    public void Prints_like_apschedulers_or_trigger() =>
        Assert.Equal("or[interval[0:00:03], cron[0 * * * *]]",
            new AnyTrigger(new IntervalTrigger(TimeSpan.FromSeconds(3)), new CronTrigger("0 * * * *", false)).ToString());
}
