using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

public class JobOptionsBehaviourTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Jitter_stays_within_bounds_and_never_accumulates()
    {
        // Given a 10 s interval with 2 s of jitter and a seeded random source
        var runs = new RunRecorder();
        var options = new JobOptions { Jitter = TimeSpan.FromSeconds(2) };
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Jittery", TimeSpan.FromSeconds(10), options)], random: new Random(7));
        s.Scheduler.Start();

        // When it runs fifty times
        for (int i = 0; i < 50; i++)
        {
            await s.AdvanceToNextRunAsync("Jobs.Jittery");
        }

        // Then run n is within 2 s of 10n s, for every n up to the last: offsets do not add up
        var offsets = runs.ScheduledTimes("Jobs.Jittery").Select((t, i) => (t - s.At(10 * (i + 1))).TotalSeconds).ToList();
        Assert.Equal(50, offsets.Count);
        Assert.All(offsets, o => Assert.InRange(o, -2, 2));
        Assert.Contains(offsets, o => o < -0.5);
        Assert.Contains(offsets, o => o > 0.5);
        Assert.Empty(s.Log.Warnings);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_jitter()
    {
        async Task<DateTimeOffset[]> RunAsync()
        {
            var runs = new RunRecorder();
            await using var s = new FakeClockScheduler([runs.Interval("Jobs.Jittery", TimeSpan.FromSeconds(10), new JobOptions { Jitter = TimeSpan.FromSeconds(2) })], random: new Random(11));
            s.Scheduler.Start();
            for (int i = 0; i < 5; i++)
            {
                await s.AdvanceToNextRunAsync("Jobs.Jittery");
            }

            return runs.ScheduledTimes("Jobs.Jittery").ToArray();
        }

        Assert.Equal(await RunAsync(), await RunAsync());
    }

    [Fact]
    public async Task An_interval_keeps_elapsed_time_across_a_dst_change()
    {
        // Berlin springs forward at 01:00 UTC on 2026-03-29; an hourly interval does not notice.
        var runs = new RunRecorder();
        var start = new DateTimeOffset(2026, 3, 28, 23, 30, 0, TimeSpan.Zero);
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Hourly", TimeSpan.FromHours(1))], start: start);
        s.Scheduler.Start();

        for (int i = 0; i < 4; i++)
        {
            await s.AdvanceToNextRunAsync("Jobs.Hourly");
        }

        Assert.Equal([start.AddHours(1), start.AddHours(2), start.AddHours(3), start.AddHours(4)], runs.ScheduledTimes("Jobs.Hourly"));
    }

    [Fact]
    public async Task The_end_date_is_inclusive_and_then_the_job_leaves()
    {
        var runs = new RunRecorder();
        var trigger = new IntervalTrigger(Three, end: FakeClockScheduler.T0.AddSeconds(6));
        await using var s = new FakeClockScheduler([new JobDefinition("Jobs.Bounded", trigger, runs.Invoker())]);
        s.Scheduler.Start();

        for (int i = 0; i < 4; i++)
        {
            await s.AdvanceAsync(Three);
        }

        Assert.Equal([s.At(3), s.At(6)], runs.ScheduledTimes("Jobs.Bounded"));
        Assert.Empty(s.Scheduler.GetJobs());
        Assert.Equal("Jobs.Bounded", Assert.Single(s.EventsOf(SchedulerEventKind.JobRemoved)).JobId);
    }

    [Fact]
    public async Task A_cron_start_date_holds_the_first_run_back()
    {
        var runs = new RunRecorder();
        var trigger = new CronTrigger("*/5 * * * * *", true, start: FakeClockScheduler.T0.AddSeconds(12));
        await using var s = new FakeClockScheduler([new JobDefinition("Jobs.Later", trigger, runs.Invoker())]);
        s.Scheduler.Start();

        Assert.Equal(s.At(15), s.Scheduler.GetJob("Jobs.Later").NextRunTime);
    }

    [Fact]
    public async Task Run_on_start_runs_once_at_start_then_keeps_to_the_schedule()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Warm", Three, new JobOptions { RunOnStart = true })]);

        s.Scheduler.Start();
        await s.Settle();
        await s.AdvanceAsync(Three);

        Assert.Equal([s.At(0), s.At(3)], runs.ScheduledTimes("Jobs.Warm"));
    }

    [Fact]
    public async Task A_run_past_its_timeout_has_its_token_cancelled_and_is_reported()
    {
        var started = new SemaphoreSlim(0);
        var options = new JobOptions { Timeout = TimeSpan.FromSeconds(5) };
        await using var s = new FakeClockScheduler(
        [
            new JobDefinition("Jobs.Hangs", new IntervalTrigger(Three), async context =>
            {
                started.Release();
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }, options),
        ]);
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(Three);
        await started.WaitSafely();

        // To 6 s (that run is skipped: the hung one holds the instance), then to 8 s, 5 s into the run
        await s.AdvanceLoopAsync(Three);
        await s.AdvanceAsync(TimeSpan.FromSeconds(2));

        Assert.Single(s.EventsOf(SchedulerEventKind.JobTimedOut));
        Assert.Single(s.EventsOf(SchedulerEventKind.JobCancelled));
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobError));
        Assert.Contains(s.Log.Warnings, w => w == "Run of job \"Jobs.Hangs (trigger: interval[0:00:03], next run at: 2026-11-27 14:00:09 UTC)\" exceeded its timeout of 0:00:05; its cancellation token was cancelled");
    }
}
