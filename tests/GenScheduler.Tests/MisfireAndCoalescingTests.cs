using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

public class MisfireAndCoalescingTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Without_coalescing_each_due_run_within_grace_runs_in_order()
    {
        // Given a job that does not coalesce, with 10 s of grace and room for three runs at once
        var runs = new RunRecorder();
        var options = new JobOptions { Coalesce = false, MisfireGraceTime = TimeSpan.FromSeconds(10), MaxInstances = 3 };
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three, options)]);
        s.Scheduler.Start();

        // When the clock jumps past three due times at once
        await s.AdvanceAsync(TimeSpan.FromSeconds(10));

        // Then all three run, one after another in one submission (as APScheduler's executor runs a job's due times)
        Assert.Equal(s.At(3), Assert.Single(s.EventsOf(SchedulerEventKind.JobSubmitted)).ScheduledTime);
        Assert.Equal([s.At(3), s.At(6), s.At(9)], runs.ScheduledTimes("Jobs.Tick"));
        Assert.Empty(s.Log.Warnings);
    }

    [Fact]
    public async Task Without_coalescing_runs_older_than_grace_are_reported_once_and_the_rest_run()
    {
        // Given a job that does not coalesce, with 4 s of grace
        var runs = new RunRecorder();
        var options = new JobOptions { Coalesce = false, MisfireGraceTime = TimeSpan.FromSeconds(4), MaxInstances = 5 };
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three, options)]);
        s.Scheduler.Start();

        // When the clock jumps to 20 s (due: 3, 6, 9, 12, 15, 18)
        await s.AdvanceAsync(TimeSpan.FromSeconds(20));

        // Then the runs before 16 s are one missed report, and 18 runs
        Assert.Equal([s.At(18)], runs.ScheduledTimes("Jobs.Tick"));
        var missed = Assert.Single(s.EventsOf(SchedulerEventKind.JobMissed));
        Assert.Equal(TimeSpan.FromSeconds(17), missed.Lateness);
        Assert.Equal(s.At(21), s.Scheduler.GetJob("Jobs.Tick").NextRunTime);
    }

    [Fact]
    public async Task A_missed_run_raises_an_event_with_its_lateness()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);
        s.Scheduler.Start();

        await s.AdvanceAsync(TimeSpan.FromSeconds(5));

        var missed = Assert.Single(s.EventsOf(SchedulerEventKind.JobMissed));
        Assert.Equal(("Jobs.Tick", s.At(3), TimeSpan.FromSeconds(2)), (missed.JobId, missed.ScheduledTime!.Value, missed.Lateness!.Value));
    }

    [Fact]
    public async Task An_unlimited_grace_time_runs_a_late_run_however_late()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", TimeSpan.FromHours(1), new JobOptions { MisfireGraceTime = null })]);
        s.Scheduler.Start();

        await s.AdvanceAsync(TimeSpan.FromHours(1.5));

        var run = Assert.Single(runs.Runs);
        Assert.Equal(TimeSpan.FromMinutes(30), run.Started - run.Scheduled);
    }

    [Fact]
    public async Task Max_instances_skip_raises_an_event_and_the_schedule_keeps_advancing()
    {
        var gate = new RunGate();
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Slow", Three, body: gate.Hold)]);
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(Three);
        await gate.Started();

        await s.AdvanceLoopAsync(Three);
        await s.AdvanceLoopAsync(Three);

        Assert.Equal([s.At(6), s.At(9)], s.EventsOf(SchedulerEventKind.JobMaxInstancesReached).Select(e => e.ScheduledTime!.Value));
        Assert.Equal(s.At(12), s.Scheduler.GetJob("Jobs.Slow").NextRunTime);
        gate.Release();
        await s.Settle();
    }

    [Fact]
    public async Task The_concurrency_limit_queues_a_run_and_judges_its_grace_when_it_starts()
    {
        // Given one executor slot and two jobs due together; the first holds the slot
        var gate = new RunGate();
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler(
        [
            runs.Interval("A.Holds", Three, body: gate.Hold),
            runs.Interval("B.Waits", Three),
            runs.Interval("C.Waits", Three, new JobOptions { MisfireGraceTime = TimeSpan.FromSeconds(5) }),
        ], maxConcurrency: 1);
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(Three);
        await gate.Started();

        // When the first run takes 2 s
        Assert.Equal(3, s.EventsOf(SchedulerEventKind.JobSubmitted).Count());
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(2));
        gate.Release();
        await s.Settle();

        // Then the queued runs were not dropped: B, 2 s late with 1 s grace, is missed; C, with 5 s grace, runs late
        Assert.Equal(["A.Holds", "C.Waits"], runs.Runs.Select(r => r.JobId));
        var missed = Assert.Single(s.EventsOf(SchedulerEventKind.JobMissed));
        Assert.Equal(("B.Waits", TimeSpan.FromSeconds(2)), (missed.JobId, missed.Lateness!.Value));
        Assert.Equal(TimeSpan.FromSeconds(2), runs.Runs.Single(r => r.JobId == "C.Waits").Started - s.At(3));
    }

    [Fact]
    public async Task A_one_shot_date_already_past_at_start_is_a_misfire_and_the_job_leaves()
    {
        var runs = new RunRecorder();
        var job = new JobDefinition("Jobs.Once", new DateTrigger(FakeClockScheduler.T0.AddSeconds(-5)), runs.Invoker());
        await using var s = new FakeClockScheduler([job]);

        s.Scheduler.Start();
        await s.Settle();

        Assert.Empty(runs.Runs);
        Assert.Equal(
            "Run time of job \"Jobs.Once (trigger: date[2026-11-27 13:59:55 UTC], no next run)\" was missed by 0:00:05",
            Assert.Single(s.Log.Warnings));
        Assert.Empty(s.Scheduler.GetJobs());
        Assert.Single(s.EventsOf(SchedulerEventKind.JobRemoved));
    }

    [Fact]
    public async Task A_one_shot_date_runs_once_and_the_job_leaves()
    {
        var runs = new RunRecorder();
        var job = new JobDefinition("Jobs.Once", new DateTrigger(FakeClockScheduler.T0.AddMinutes(10)), runs.Invoker());
        await using var s = new FakeClockScheduler([job]);
        s.Scheduler.Start();

        await s.AdvanceToNextRunAsync("Jobs.Once");
        await s.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.Equal([s.At(600)], runs.ScheduledTimes("Jobs.Once"));
        Assert.Empty(s.Scheduler.GetJobs());
        Assert.Contains("Removed job Jobs.Once", s.Log.Entries.Select(e => e.Message));
    }

    [Fact]
    public async Task A_queued_run_of_a_removed_job_is_reported_as_its_own_job_even_when_its_slot_is_reused()
    {
        // Given a run of A waiting in line behind H, and A removed and its slot taken by B
        var gate = new RunGate();
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler(
        [
            runs.Interval("H.Holds", Three, body: gate.Hold),
            runs.Interval("A.Removed", Three),
        ], maxConcurrency: 1);
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(Three);
        await gate.Started();
        s.Scheduler.RemoveJob("A.Removed");
        s.Scheduler.AddJob(runs.Interval("B.Added", TimeSpan.FromMinutes(1)));

        // When A's run starts 2 s late
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(2));
        gate.Release();
        await s.Settle();

        // Then the warning names A with no next run, not B's schedule
        Assert.Contains(
            "Run time of job \"A.Removed (trigger: interval[0:00:03], no next run)\" was missed by 0:00:02",
            s.Log.Warnings);
    }
}
