using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

public class RuntimeControlTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_paused_job_does_not_fire_and_resumes_on_its_grid_without_the_missed_runs()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);
        s.Scheduler.Start();
        await s.AdvanceAsync(Three);

        s.Scheduler.PauseJob("Jobs.Tick");
        Assert.Equal("Jobs.Tick (trigger: interval[0:00:03], paused)", s.Scheduler.GetJob("Jobs.Tick").ToString());
        for (int i = 0; i < 10; i++)
        {
            await s.AdvanceAsync(Second);
        }

        s.Scheduler.ResumeJob("Jobs.Tick"); // at 13 s
        Assert.Equal(s.At(15), s.Scheduler.GetJob("Jobs.Tick").NextRunTime);
        await s.AdvanceAsync(TimeSpan.FromSeconds(2));

        Assert.Equal([s.At(3), s.At(15)], runs.ScheduledTimes("Jobs.Tick"));
        Assert.Empty(s.Log.Warnings);
        Assert.Equal(
            [SchedulerEventKind.JobPaused, SchedulerEventKind.JobResumed],
            s.Events.Where(e => e.Kind is SchedulerEventKind.JobPaused or SchedulerEventKind.JobResumed).Select(e => e.Kind));
    }

    [Fact]
    public async Task Runs_that_fell_due_while_the_scheduler_was_paused_go_through_the_misfire_rules_on_resume()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler(
        [
            runs.Interval("Strict.Tick", Three),
            runs.Interval("Lenient.Tick", Three, new JobOptions { MisfireGraceTime = TimeSpan.FromSeconds(10) }),
        ]);
        s.Scheduler.Start();
        s.Scheduler.Pause();
        Assert.Equal(SchedulerState.Paused, s.Scheduler.State);

        for (int i = 0; i < 8; i++)
        {
            await s.AdvanceAsync(Second);
        }

        Assert.Empty(runs.Runs);
        s.Scheduler.Resume(); // at 8 s: 3 and 6 were due; coalesced into 6, which is 2 s late
        await s.Settle();

        Assert.Equal([s.At(6)], runs.ScheduledTimes("Lenient.Tick"));
        Assert.Empty(runs.ScheduledTimes("Strict.Tick"));
        Assert.Contains(s.Log.Warnings, w => w.StartsWith("Run time of job \"Strict.Tick", StringComparison.Ordinal) && w.EndsWith("was missed by 0:00:02", StringComparison.Ordinal));
        Assert.Equal(s.At(9), s.Scheduler.GetJob("Strict.Tick").NextRunTime);
    }

    [Fact]
    public async Task Run_now_runs_outside_the_schedule_and_leaves_it_unchanged()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);
        s.Scheduler.Start();
        await s.AdvanceAsync(Second);

        s.Scheduler.RunNow("Jobs.Tick");
        await s.Settle();
        await s.AdvanceAsync(TimeSpan.FromSeconds(2));

        Assert.Equal([s.At(1), s.At(3)], runs.ScheduledTimes("Jobs.Tick"));
    }

    [Fact]
    public async Task Run_now_counts_towards_max_instances()
    {
        var gate = new RunGate();
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Slow", Three, body: gate.Hold)]);
        s.Scheduler.Start();
        s.Scheduler.RunNow("Jobs.Slow");
        await gate.Started();

        s.Scheduler.RunNow("Jobs.Slow");

        Assert.Single(s.EventsOf(SchedulerEventKind.JobMaxInstancesReached));
        gate.Release();
        await s.Settle();
        Assert.Single(runs.Runs);
    }

    [Fact]
    public async Task Reschedule_starts_the_new_trigger_from_now()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);
        s.Scheduler.Start();
        await s.AdvanceAsync(Second);

        s.Scheduler.RescheduleJob("Jobs.Tick", new IntervalTrigger(TimeSpan.FromSeconds(10)));

        Assert.Equal(s.At(11), s.Scheduler.GetJob("Jobs.Tick").NextRunTime);
        for (int i = 0; i < 10; i++)
        {
            await s.AdvanceAsync(Second);
        }

        Assert.Equal([s.At(11)], runs.ScheduledTimes("Jobs.Tick"));
        Assert.Single(s.EventsOf(SchedulerEventKind.JobModified));
    }

    [Fact]
    public async Task Removing_a_job_while_it_runs_lets_the_run_finish_and_starts_no_more()
    {
        var gate = new RunGate();
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Slow", Three, body: gate.Hold)]);
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(Three);
        await gate.Started();

        s.Scheduler.RemoveJob("Jobs.Slow");
        gate.Release();
        await s.Settle();
        await s.AdvanceAsync(TimeSpan.FromSeconds(30));

        Assert.Single(runs.Runs);
        Assert.Single(s.EventsOf(SchedulerEventKind.JobExecuted));
        Assert.Throws<JobNotFoundException>(() => s.Scheduler.GetJob("Jobs.Slow"));
    }

    [Fact]
    public async Task A_job_added_at_run_time_due_before_the_current_wait_fires_on_time()
    {
        // Given a scheduler whose only job is an hour away, so its timer waits an hour
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Hourly", TimeSpan.FromHours(1))]);
        s.Scheduler.Start();
        await s.AdvanceAsync(TimeSpan.FromSeconds(0.5));

        // When a two-second job is added from a delegate
        s.Scheduler.AddJob("Jobs.Added", new IntervalTrigger(TimeSpan.FromSeconds(2)), () => runs.Runs.Enqueue(("Jobs.Added", default, s.Time.GetUtcNow())));
        await s.AdvanceAsync(TimeSpan.FromSeconds(2));

        // Then it ran at 2.5 s, not after the hour
        Assert.Equal([s.At(2.5)], runs.Runs.Where(r => r.JobId == "Jobs.Added").Select(r => r.Started));
        Assert.Single(s.EventsOf(SchedulerEventKind.JobAdded));
    }

    [Fact]
    public async Task An_async_job_added_from_a_delegate_gets_the_cancellation_token()
    {
        var ran = new TaskCompletionSource<bool>();
        await using var s = new FakeClockScheduler([]);
        s.Scheduler.Start();

        s.Scheduler.AddJob("Jobs.Async", new IntervalTrigger(Three), ct =>
        {
            ran.SetResult(ct.CanBeCanceled);
            return Task.CompletedTask;
        });
        await s.AdvanceAsync(Three);

        Assert.True(await ran.Task.Safely());
    }

    [Fact]
    public async Task Two_triggers_that_coincide_fire_once()
    {
        var runs = new RunRecorder();
        var trigger = new AnyTrigger(new IntervalTrigger(TimeSpan.FromSeconds(2)), new IntervalTrigger(Three));
        await using var s = new FakeClockScheduler([new JobDefinition("Jobs.Both", trigger, runs.Invoker())]);
        s.Scheduler.Start();

        for (int i = 0; i < 6; i++)
        {
            await s.AdvanceAsync(Second);
        }

        Assert.Equal([s.At(2), s.At(3), s.At(4), s.At(6)], runs.ScheduledTimes("Jobs.Both"));
    }

    [Fact]
    public async Task The_job_listing_reads_like_apschedulers_print_jobs()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler(
        [
            runs.Interval("Jobs.Tick", Three),
            new JobDefinition("Jobs.Report", new CronTrigger("0 0 9 * * *", true, "Europe/Berlin"), runs.Invoker()),
        ]);
        s.Scheduler.Start();
        s.Scheduler.PauseJob("Jobs.Tick");
        using var output = new StringWriter();

        s.Scheduler.PrintJobs(output);

        Assert.Equal(
            "Jobstore default:\n" +
            "    Jobs.Report (trigger: cron[0 0 9 * * *, Europe/Berlin], next run at: 2026-11-28 09:00:00 Europe/Berlin)\n" +
            "    Jobs.Tick (trigger: interval[0:00:03], paused)\n",
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Operations_that_need_a_running_scheduler_say_so()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);

        var notStarted = Assert.Throws<SchedulerNotRunningException>(() => s.Scheduler.RunNow("Jobs.Tick"));
        Assert.Equal(SchedulerState.NotStarted, notStarted.State);
        Assert.Throws<SchedulerNotRunningException>(s.Scheduler.Pause);
        Assert.Throws<SchedulerNotRunningException>(s.Scheduler.Resume);
        s.Scheduler.Start();
        s.Scheduler.Resume(); // running already: nothing to do, as APScheduler's resume()
        s.Scheduler.Pause();
        s.Scheduler.Pause(); // paused already: nothing to do
        Assert.Equal(SchedulerState.Paused, s.Scheduler.State);
        s.Scheduler.Resume();
        Assert.Throws<JobNotFoundException>(() => s.Scheduler.PauseJob("Jobs.Nope"));
        var conflict = Assert.Throws<ConflictingJobIdException>(() => s.Scheduler.AddJob(runs.Interval("Jobs.Tick", Three)));
        Assert.Equal("Jobs.Tick", conflict.JobId);

        await s.Scheduler.ShutdownAsync();

        var error = Assert.Throws<SchedulerShutDownException>(() => s.Scheduler.AddJob(runs.Interval("Jobs.Late", Three)));
        Assert.Contains("shut down", error.Message, StringComparison.Ordinal);
        Assert.Equal(SchedulerState.Stopped, error.State);
        Assert.Throws<SchedulerShutDownException>(s.Scheduler.Start);
        Assert.Throws<SchedulerShutDownException>(s.Scheduler.Pause);
        Assert.Throws<SchedulerShutDownException>(() => s.Scheduler.RunNow("Jobs.Tick"));
    }

    [Fact]
    public async Task A_scheduler_shut_down_before_it_started_says_so_when_started()
    {
        await using var s = new FakeClockScheduler([]);
        await s.Scheduler.ShutdownAsync();

        var error = Assert.Throws<SchedulerShutDownException>(s.Scheduler.Start);

        Assert.Contains("has been shut down", error.Message, StringComparison.Ordinal);
        Assert.Equal(SchedulerState.Stopped, s.Scheduler.State);
    }

    [Fact]
    public async Task Try_get_job_finds_a_job_or_says_there_is_none()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);

        Assert.True(s.Scheduler.TryGetJob("Jobs.Tick", out var found));
        Assert.Equal("Jobs.Tick", found.Id);
        Assert.False(s.Scheduler.TryGetJob("Jobs.Nope", out var missing));
        Assert.Null(missing);
    }

    [Fact]
    public async Task A_paused_job_rescheduled_then_resumed_runs_on_the_new_trigger_from_the_reschedule()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);
        s.Scheduler.Start();
        s.Scheduler.PauseJob("Jobs.Tick");
        await s.AdvanceAsync(TimeSpan.FromSeconds(4));

        s.Scheduler.RescheduleJob("Jobs.Tick", new IntervalTrigger(TimeSpan.FromSeconds(10))); // at 4 s
        await s.AdvanceAsync(TimeSpan.FromSeconds(2));
        s.Scheduler.ResumeJob("Jobs.Tick"); // at 6 s: the new grid is 14, 24, ...

        Assert.Equal(s.At(14), s.Scheduler.GetJob("Jobs.Tick").NextRunTime);
        Assert.Empty(runs.Runs);
    }

    [Fact]
    public async Task A_job_paused_before_the_start_and_resumed_later_keeps_to_a_grid_laid_from_the_start()
    {
        var recorder = new RunRecorder();
        await using var s = new FakeClockScheduler([recorder.Interval("Jobs.Tick", TimeSpan.FromSeconds(3))]);
        s.Scheduler.PauseJob("Jobs.Tick");
        s.Scheduler.Start();
        await s.AdvanceAsync(TimeSpan.FromSeconds(10));

        s.Scheduler.ResumeJob("Jobs.Tick");
        await s.Settle();

        // Not at once (a grid from the year 1 would make every point overdue): next on the grid of the start, at 12.
        Assert.Empty(recorder.ScheduledTimes("Jobs.Tick"));
        Assert.Equal(s.At(12), s.Scheduler.GetJob("Jobs.Tick").NextRunTime);
    }
}
