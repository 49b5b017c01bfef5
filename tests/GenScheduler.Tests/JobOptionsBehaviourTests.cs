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
    public async Task Run_on_start_for_a_job_whose_first_fire_is_the_start_instant_is_one_run_not_two()
    {
        // Given a cron job started exactly on its minute, which also runs on start
        var runs = new RunRecorder();
        var job = new JobDefinition("Jobs.Minutely", new CronTrigger("* * * * *", false), runs.Invoker(), new JobOptions { RunOnStart = true });
        await using var s = new FakeClockScheduler([job]);

        s.Scheduler.Start();
        await s.Settle();
        await s.AdvanceAsync(TimeSpan.FromMinutes(1));

        // Then the start instant ran once, with no max-instances warning, and the schedule went on
        Assert.Equal([s.At(0), s.At(60)], runs.ScheduledTimes("Jobs.Minutely"));
        Assert.Empty(s.Log.Warnings);
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobMaxInstancesReached));
    }

    [Fact]
    public async Task A_timeout_longer_than_a_timer_can_wait_still_runs_out()
    {
        // 50 days is past the 49.7 days a timer takes at once; the run must neither crash nor time out early.
        var started = new SemaphoreSlim(0);
        var cancelledAt = new TaskCompletionSource<DateTimeOffset>();
        FakeClockScheduler? holder = null;
        var options = new JobOptions { Timeout = TimeSpan.FromDays(50), MisfireGraceTime = null };
        await using var s = holder = new FakeClockScheduler(
        [
            new JobDefinition("Jobs.Long", new IntervalTrigger(TimeSpan.FromDays(365)), async context =>
            {
                started.Release();
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                finally
                {
                    cancelledAt.TrySetResult(holder!.Time.GetUtcNow());
                }
            }, options),
        ]);
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(TimeSpan.FromDays(365));
        await started.WaitSafely();

        await s.AdvanceLoopAsync(TimeSpan.FromDays(49.9));
        Assert.False(cancelledAt.Task.IsCompleted);
        await s.AdvanceAsync(TimeSpan.FromDays(0.1));

        Assert.Equal(s.At(0).AddDays(365 + 50), await cancelledAt.Task.Safely());
        Assert.Single(s.EventsOf(SchedulerEventKind.JobTimedOut));
        Assert.Single(s.EventsOf(SchedulerEventKind.JobCancelled));
    }

    [Fact]
    public async Task A_timeout_of_timespan_max_value_never_cancels_a_run_that_ends()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Forever", Three, new JobOptions { Timeout = TimeSpan.MaxValue })]);
        s.Scheduler.Start();

        await s.AdvanceAsync(Three);
        await s.AdvanceAsync(Three);

        Assert.Equal(2, runs.Runs.Count);
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobTimedOut));
        Assert.Empty(s.Log.Errors);
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
