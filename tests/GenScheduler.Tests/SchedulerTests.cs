using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

public class SchedulerTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task An_interval_job_first_fires_one_interval_after_start_and_keeps_to_the_grid()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);
        s.Scheduler.Start();

        await s.AdvanceAsync(TimeSpan.FromSeconds(2.9));
        Assert.Empty(runs.Runs);

        for (int i = 0; i < 4; i++)
        {
            await s.AdvanceToNextRunAsync("Jobs.Tick");
        }

        Assert.Equal([s.At(3), s.At(6), s.At(9), s.At(12)], runs.ScheduledTimes("Jobs.Tick"));
        Assert.All(runs.Runs, r => Assert.Equal(r.Scheduled, r.Started));
    }

    [Fact]
    public async Task A_slow_run_does_not_make_the_schedule_drift()
    {
        var gate = new RunGate();
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Slow", Three, body: gate.Hold)]);
        s.Scheduler.Start();

        await s.AdvanceLoopAsync(Three);
        await gate.Started();
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(2.5)); // the run takes 2.5 s of the 3 s interval
        gate.Release();
        await s.Settle();

        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(0.5));
        await gate.Started();
        gate.Release();
        await s.Settle();

        Assert.Equal([s.At(3), s.At(6)], runs.ScheduledTimes("Jobs.Slow"));
        Assert.Equal(s.At(9), s.Scheduler.GetJob("Jobs.Slow").NextRunTime);
    }

    [Fact]
    public async Task A_cron_job_with_seconds_fires_on_its_seconds()
    {
        var runs = new RunRecorder();
        var job = new JobDefinition("Jobs.Report", new CronTrigger("*/5 * * * * *", includeSeconds: true), runs.Invoker());
        await using var s = new FakeClockScheduler([job], start: FakeClockScheduler.T0.AddSeconds(1));
        s.Scheduler.Start();

        for (int i = 0; i < 3; i++)
        {
            await s.AdvanceAsync(TimeSpan.FromSeconds(1));
            await s.AdvanceAsync(TimeSpan.FromSeconds(1));
            await s.AdvanceAsync(TimeSpan.FromSeconds(1));
            await s.AdvanceAsync(TimeSpan.FromSeconds(1));
            await s.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        var t0 = FakeClockScheduler.T0;
        Assert.Equal([t0.AddSeconds(5), t0.AddSeconds(10), t0.AddSeconds(15)], runs.ScheduledTimes("Jobs.Report"));
    }

    [Fact]
    public async Task A_cron_job_in_berlin_follows_the_clocks_across_the_spring_change()
    {
        var runs = new RunRecorder();
        var job = new JobDefinition("Jobs.Morning", new CronTrigger("0 0 9 * * *", true, "Europe/Berlin"), runs.Invoker());
        await using var s = new FakeClockScheduler([job], start: new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero));
        s.Scheduler.Start();

        for (int i = 0; i < 3; i++)
        {
            await s.AdvanceToNextRunAsync("Jobs.Morning");
        }

        Assert.Equal(
            [
                new DateTimeOffset(2026, 3, 28, 8, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero),
            ],
            runs.ScheduledTimes("Jobs.Morning"));
    }

    [Fact]
    public async Task A_cron_job_in_the_berlin_spring_gap_runs_at_the_end_of_the_gap_then_at_its_time_again()
    {
        var runs = new RunRecorder();
        var job = new JobDefinition("Jobs.Night", new CronTrigger("0 30 2 * * *", true, "Europe/Berlin"), runs.Invoker());
        await using var s = new FakeClockScheduler([job], start: new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));
        s.Scheduler.Start();

        await s.AdvanceToNextRunAsync("Jobs.Night");
        await s.AdvanceToNextRunAsync("Jobs.Night");

        Assert.Equal(
            [new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero)],
            runs.ScheduledTimes("Jobs.Night"));
        Assert.Empty(s.Log.Warnings);
    }

    [Fact]
    public async Task Several_jobs_run_in_due_order()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler(
        [
            runs.Interval("B.EveryThree", Three),
            runs.Interval("A.EveryTwo", TimeSpan.FromSeconds(2)),
        ]);
        s.Scheduler.Start();

        for (int second = 1; second <= 6; second++)
        {
            await s.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        var timeline = runs.Runs.Select(r => ((r.Scheduled - s.Time.Start).TotalSeconds, r.JobId)).Order().ToList();
        Assert.Equal(
            [(2, "A.EveryTwo"), (3, "B.EveryThree"), (4, "A.EveryTwo"), (6, "A.EveryTwo"), (6, "B.EveryThree")],
            timeline);
        Assert.Equal(runs.Runs.Select(r => r.Scheduled).Order(), runs.Runs.Select(r => r.Scheduled));
    }

    [Fact]
    public async Task A_run_later_than_its_grace_time_is_skipped_and_logged_in_apschedulers_words()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);
        s.Scheduler.Start();

        await s.AdvanceAsync(TimeSpan.FromSeconds(5.542515)); // due at 3 s: 2.542515 s late, grace 1 s

        Assert.Empty(runs.Runs);
        Assert.Equal(
            "Run time of job \"Jobs.Tick (trigger: interval[0:00:03], next run at: 2026-11-27 14:00:06 UTC)\" was missed by 0:00:02.542515",
            Assert.Single(s.Log.Warnings));

        await s.AdvanceAsync(TimeSpan.FromSeconds(0.457485)); // the grid goes on: 6 s runs on time
        Assert.Equal([s.At(6)], runs.ScheduledTimes("Jobs.Tick"));
    }

    [Fact]
    public async Task A_run_late_by_exactly_its_grace_time_still_runs()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);
        s.Scheduler.Start();

        await s.AdvanceAsync(TimeSpan.FromSeconds(4));

        var run = Assert.Single(runs.Runs);
        Assert.Equal(TimeSpan.FromSeconds(1), run.Started - run.Scheduled);
        Assert.Empty(s.Log.Warnings);
    }

    [Fact]
    public async Task A_backlog_coalesces_into_one_run_at_the_latest_due_time()
    {
        var runs = new RunRecorder();
        var options = new JobOptions { MisfireGraceTime = null };
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three, options)]);
        s.Scheduler.Start();

        await s.AdvanceAsync(TimeSpan.FromSeconds(10)); // 3, 6 and 9 are all due

        Assert.Equal([s.At(9)], runs.ScheduledTimes("Jobs.Tick"));
        Assert.Equal(s.At(12), s.Scheduler.GetJob("Jobs.Tick").NextRunTime);
    }

    [Fact]
    public async Task After_a_ten_year_jump_the_next_run_is_computed_at_once()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", TimeSpan.FromMilliseconds(1))]);
        s.Scheduler.Start();

        // 315 billion due runs: found arithmetically and coalesced into one, not looped over.
        await s.AdvanceLoopAsync(TimeSpan.FromDays(3653) + TimeSpan.FromMilliseconds(1.5));
        await s.Settle();

        var now = s.Time.GetUtcNow();
        Assert.Equal([now.AddMilliseconds(-0.5)], runs.ScheduledTimes("Jobs.Tick"));
        Assert.Equal(now.AddMilliseconds(0.5), s.Scheduler.GetJob("Jobs.Tick").NextRunTime);
    }

    [Fact]
    public async Task A_job_that_throws_is_logged_keeps_its_schedule_and_does_not_disturb_others()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler(
        [
            runs.Interval("Jobs.Broken", Three, body: _ => throw new InvalidOperationException("boom")),
            runs.Interval("Jobs.Fine", Three),
            new JobDefinition("Jobs.BrokenAsync", new IntervalTrigger(Three), static async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("async boom");
            }),
        ]);
        s.Scheduler.Start();

        await s.AdvanceAsync(Three);
        await s.AdvanceAsync(Three);

        Assert.Equal(2, runs.ScheduledTimes("Jobs.Broken").Count());
        Assert.Equal(2, runs.ScheduledTimes("Jobs.Fine").Count());
        var errors = s.Log.Entries.Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error).ToList();
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.Message.StartsWith("Job \"Jobs.Broken (trigger: interval[0:00:03]", StringComparison.Ordinal)
                                     && e.Message.EndsWith("raised an exception", StringComparison.Ordinal)
                                     && e.Exception!.Message == "boom");
        Assert.Contains(errors, e => e.Exception!.Message == "async boom");
        Assert.Equal(SchedulerState.Running, s.Scheduler.State);
    }

    [Fact]
    public async Task A_run_due_while_the_previous_is_still_running_is_skipped_by_max_instances()
    {
        var gate = new RunGate();
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Slow", Three, body: gate.Hold)]);
        s.Scheduler.Start();

        await s.AdvanceLoopAsync(Three);
        await gate.Started();
        await s.AdvanceLoopAsync(Three);
        gate.Release();
        await s.Settle();

        Assert.Single(runs.Runs);
        Assert.Equal(
            "Execution of job \"Jobs.Slow (trigger: interval[0:00:03], next run at: 2026-11-27 14:00:09 UTC)\" skipped: maximum number of running instances reached (1)",
            Assert.Single(s.Log.Warnings));
    }

    [Fact]
    public async Task Shutdown_with_wait_completes_only_when_running_jobs_have_finished()
    {
        var gate = new RunGate();
        CancellationToken seen = default;
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Slow", Three, body: context =>
        {
            seen = context.CancellationToken;
            gate.Hold(context);
        })]);
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(Three);
        await gate.Started();

        var shutdown = s.Scheduler.ShutdownAsync(wait: true);

        Assert.False(shutdown.IsCompleted);
        Assert.Equal(SchedulerState.ShuttingDown, s.Scheduler.State);
        gate.Release();
        await shutdown.Safely();
        Assert.Equal(SchedulerState.Stopped, s.Scheduler.State);
        Assert.False(seen.IsCancellationRequested);
    }

    [Fact]
    public async Task Shutdown_without_wait_returns_at_once_and_cancels_running_jobs()
    {
        var started = new SemaphoreSlim(0);
        var cancelled = new TaskCompletionSource();
        await using var s = new FakeClockScheduler(
        [
            new JobDefinition("Jobs.Long", new IntervalTrigger(Three), async context =>
            {
                started.Release();
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    cancelled.SetResult();
                    throw;
                }
            }),
        ]);
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(Three);
        await started.WaitSafely();

        var shutdown = s.Scheduler.ShutdownAsync(wait: false);

        Assert.True(shutdown.IsCompleted);
        await cancelled.Task.Safely();
        await s.Scheduler.ShutdownAsync(wait: true).Safely();
        Assert.Equal(SchedulerState.Stopped, s.Scheduler.State);
    }

    [Fact]
    public async Task No_job_fires_after_shutdown()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);
        s.Scheduler.Start();
        await s.Scheduler.ShutdownAsync();

        await s.AdvanceAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(runs.Runs);
    }

    [Fact]
    public async Task RunAsync_blocks_until_cancelled_and_then_returns_normally()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);
        using var stop = new CancellationTokenSource();

        var running = s.Scheduler.RunAsync(stop.Token);
        await s.AdvanceAsync(Three);
        Assert.False(running.IsCompleted);

        await stop.CancelAsync();
        await running.Safely();

        Assert.Single(runs.Runs);
        Assert.Equal(SchedulerState.Stopped, s.Scheduler.State);
    }

    [Fact]
    public async Task Starting_twice_is_refused_with_a_clear_message()
    {
        await using var s = new FakeClockScheduler([]);
        s.Scheduler.Start();

        var error = Assert.Throws<SchedulerAlreadyRunningException>(s.Scheduler.Start);
        Assert.Contains("starts once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_job_ids_are_refused_naming_the_id()
    {
        var runs = new RunRecorder();
        var error = Assert.Throws<ConflictingJobIdException>(() =>
            new Scheduler([runs.Interval("Jobs.Tick", Three), runs.Interval("Jobs.Tick", Three)]));
        Assert.Contains("\"Jobs.Tick\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_are_listed_with_their_next_run_like_apscheduler_prints_them()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);
        Assert.Equal("Jobs.Tick (trigger: interval[0:00:03], pending)", s.Scheduler.GetJob("Jobs.Tick").ToString());

        s.Scheduler.Start();

        var job = Assert.Single(s.Scheduler.GetJobs());
        Assert.Equal(s.At(3), job.NextRunTime);
        Assert.Equal("Jobs.Tick (trigger: interval[0:00:03], next run at: 2026-11-27 14:00:03 UTC)", job.ToString());
        Assert.Throws<JobNotFoundException>(() => s.Scheduler.GetJob("Jobs.Nope"));
    }
}
