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
    private sealed class WallClock(FakeTimeProvider fake) : TimeProvider
    {
        private long _offsetTicks;

        public void SetBack(TimeSpan step) => Interlocked.Add(ref _offsetTicks, -step.Ticks);

        public override DateTimeOffset GetUtcNow() => fake.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

        public override long GetTimestamp() => fake.GetTimestamp();

        public override long TimestampFrequency => fake.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            fake.CreateTimer(callback, state, dueTime, period);
    }
}
