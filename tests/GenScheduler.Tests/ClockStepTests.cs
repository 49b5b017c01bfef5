using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace GenScheduler.Tests;

/// <summary>
/// The wall clock set back (an administrator, a bad NTP step): interval jobs keep to elapsed time, cron and date jobs
/// follow the new wall clock, once per occurrence.
/// </summary>
public class ClockStepTests
{
    [Fact]
    public async Task An_interval_job_keeps_elapsed_time_when_the_clock_is_set_back_an_hour()
    {
        // Given a job every 10 minutes, run at 14:10
        WallClock? wall = null;
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Ten", TimeSpan.FromMinutes(10))], clock: fake => wall = new WallClock(fake));
        s.Scheduler.Start();
        await s.AdvanceAsync(TimeSpan.FromMinutes(10));

        // When the wall clock is set back an hour, and ten minutes pass
        wall!.SetBack(TimeSpan.FromHours(1));
        await s.AdvanceAsync(TimeSpan.FromMinutes(10));

        // Then the job ran ten minutes after its last run (at 13:20 by the new clock), not an hour later
        Assert.Equal([s.At(600), s.At(600 + 600 - 3600)], runs.ScheduledTimes("Jobs.Ten"));
        Assert.Equal(s.At(1800 - 3600), s.Scheduler.GetJob("Jobs.Ten").NextRunTime);
        Assert.Contains("The system clock was set back by 1:00:00: interval jobs keep to elapsed time; cron and date jobs follow the new clock", s.Log.Warnings);
    }

    [Fact]
    public async Task A_cron_job_follows_the_new_wall_clock_and_runs_each_occurrence_once()
    {
        // Given a job at every quarter hour, which ran at 14:15
        WallClock? wall = null;
        var runs = new RunRecorder();
        var cron = new JobDefinition("Jobs.Quarter", new CronTrigger("*/15 * * * *", false), runs.Invoker());
        await using var s = new FakeClockScheduler([cron], start: FakeClockScheduler.T0.AddMinutes(1), clock: fake => wall = new WallClock(fake));
        s.Scheduler.Start();
        await s.AdvanceToNextRunAsync("Jobs.Quarter");

        // When the clock is set back an hour (to 13:15) and 1 h 15 min pass
        wall!.SetBack(TimeSpan.FromHours(1));
        for (int i = 0; i < 5; i++)
        {
            await s.AdvanceAsync(TimeSpan.FromMinutes(15));
        }

        // Then 13:30 … 14:15 did not run again, and the next occurrence, 14:30 by the new clock, ran once
        Assert.Equal([FakeClockScheduler.T0.AddMinutes(15), FakeClockScheduler.T0.AddMinutes(30)], runs.ScheduledTimes("Jobs.Quarter"));
    }

    [Fact]
    public async Task A_clock_that_keeps_step_with_elapsed_time_moves_nothing()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Ten", TimeSpan.FromMinutes(10))]);
        s.Scheduler.Start();

        for (int i = 0; i < 6; i++)
        {
            await s.AdvanceAsync(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(Enumerable.Range(1, 6).Select(i => s.At(600 * i)), runs.ScheduledTimes("Jobs.Ten"));
        Assert.DoesNotContain(s.Log.Warnings, w => w.Contains("set back", StringComparison.Ordinal));
    }

    /// <summary>A fake clock whose wall time can be set back while its timestamps (elapsed time) and timers go on.</summary>
    [Fact]
    public void Time_that_passes_between_reading_the_wall_clock_and_the_timestamp_is_not_a_step_back()
    {
        // Given a clock that moves 10 s between a wall reading and the timestamp after it (a preempted thread, or a
        // test advancing a fake clock while the firing loop reads it)
        var fake = new FakeTimeProvider(FakeClockScheduler.T0);
        var clock = new WallClock(fake);
        var watch = new ClockWatch(clock);

        // When the watch reads it twice, the clock moving once in between and once inside a reading
        clock.MoveAfterNextWallReading(TimeSpan.FromSeconds(10));
        var first = watch.Read(out long firstStep);
        fake.Advance(TimeSpan.FromSeconds(5));
        var second = watch.Read(out long secondStep);

        // Then neither reading is taken for a step back
        Assert.Equal((FakeClockScheduler.T0, 0L), (first, firstStep));
        Assert.Equal((FakeClockScheduler.T0.AddSeconds(15), 0L), (second, secondStep));
    }

    [Fact]
    public void A_real_step_back_is_measured_by_the_time_that_surely_passed()
    {
        var fake = new FakeTimeProvider(FakeClockScheduler.T0);
        var wall = new WallClock(fake);
        var watch = new ClockWatch(wall);

        fake.Advance(TimeSpan.FromMinutes(1));
        wall.SetBack(TimeSpan.FromHours(1));
        watch.Read(out long step);

        Assert.Equal(TimeSpan.FromHours(1), TimeSpan.FromTicks(step));
    }

    [Fact]
    public async Task An_interval_job_is_not_moved_back_when_the_clock_moves_while_the_firing_loop_reads_it()
    {
        // Given a job every 3 s, and a clock that moves 10 s right after the firing loop reads the wall clock
        WallClock? clock = null;
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", TimeSpan.FromSeconds(3))], clock: fake => clock = new WallClock(fake));
        s.Scheduler.Start();
        await s.Settle();

        // When that happens on the loop's next reading
        clock!.MoveAfterNextWallReading(TimeSpan.FromSeconds(10));
        await s.AdvanceAsync(TimeSpan.FromSeconds(3));
        await s.AdvanceAsync(TimeSpan.FromSeconds(1));

        // Then the job stays on its grid: nothing before 3 s, no warning of a step
        Assert.All(runs.ScheduledTimes("Jobs.Tick"), t => Assert.True(t >= s.At(3) && (t - s.At(0)).Ticks % TimeSpan.FromSeconds(3).Ticks == 0, $"ran for {t:O}"));
        Assert.DoesNotContain(s.Log.Warnings, w => w.Contains("set back", StringComparison.Ordinal));
    }

    /// <summary>
    /// A wall clock over a fake one: it can be set back apart from the timestamp, or made to move on just after one
    /// wall reading, before anything else is read (a thread preempted between reading the two clocks).
    /// </summary>
    private sealed class WallClock(FakeTimeProvider fake) : TimeProvider
    {
        private long _offsetTicks;
        private long _pendingTicks;

        public void SetBack(TimeSpan step) => Interlocked.Add(ref _offsetTicks, -step.Ticks);

        public void MoveAfterNextWallReading(TimeSpan by) => Interlocked.Exchange(ref _pendingTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow()
        {
            var now = fake.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
            long pending = Interlocked.Exchange(ref _pendingTicks, 0);
            if (pending != 0)
            {
                fake.Advance(TimeSpan.FromTicks(pending));
            }

            return now;
        }

        public override long GetTimestamp() => fake.GetTimestamp();

        public override long TimestampFrequency => fake.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            fake.CreateTimer(callback, state, dueTime, period);
    }
}
