using System;
using System.Linq;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

/// <summary>
/// What a job that does not coalesce catches up on when several of its runs are due at once: every run still in
/// grace, one after another in one submission (so the job's own MaxInstances never drops them), at most
/// <see cref="SchedulerOptions.MaxCatchUpRuns"/> of them, the rest one missed stretch; and never by walking the backlog.
/// </summary>
public class CatchUpTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_backlog_runs_one_after_another_and_is_not_lost_to_max_instances()
    {
        // Given the job: every 3 s from the start, no coalescing, no grace limit, MaxInstances 1
        var runs = new RunRecorder();
        var options = new JobOptions { Coalesce = false, MisfireGraceTime = null };
        var job = new JobDefinition("Jobs.Tick", new IntervalTrigger(Three, start: FakeClockScheduler.T0), runs.Invoker(), options);
        await using var s = new FakeClockScheduler([job]);
        s.Scheduler.Start();
        await s.Settle();

        // When the scheduler is held up until 10.2 s
        await s.AdvanceAsync(TimeSpan.FromSeconds(10.2));

        // Then 0, 3, 6 and 9 all ran, in order, none skipped, and the job is due at 12
        Assert.Equal([s.At(0), s.At(3), s.At(6), s.At(9)], runs.ScheduledTimes("Jobs.Tick"));
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobMaxInstancesReached));
        Assert.Empty(s.Log.Warnings);
        Assert.Equal(s.At(12), s.Scheduler.GetJob("Jobs.Tick").NextRunTime);
    }

    [Fact]
    public async Task Each_run_of_a_backlog_sees_its_own_scheduled_time_and_lateness()
    {
        var contexts = new System.Collections.Concurrent.ConcurrentQueue<JobContext>();
        var options = new JobOptions { Coalesce = false, MisfireGraceTime = null };
        await using var s = new FakeClockScheduler([new JobDefinition("Jobs.Tick", new IntervalTrigger(Three), c =>
        {
            contexts.Enqueue(c);
            return default;
        }, options)]);
        s.Scheduler.Start();

        await s.AdvanceAsync(TimeSpan.FromSeconds(7));

        Assert.Equal([s.At(3), s.At(6)], contexts.Select(c => c.ScheduledTime));
        Assert.Equal([TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1)], contexts.Select(c => c.Lateness));
    }

    [Fact]
    public async Task A_backlog_longer_than_the_cap_runs_its_latest_runs_and_reports_the_rest_as_one_stretch()
    {
        // Given a 1 s job that does not coalesce and has no grace limit, and a cap of 5 runs
        var runs = new RunRecorder();
        var options = new JobOptions { Coalesce = false, MisfireGraceTime = null };
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Second", TimeSpan.FromSeconds(1), options)], maxCatchUpRuns: 5);
        s.Scheduler.Start();

        // When the clock jumps 100 s (due: 1 … 100)
        await s.AdvanceAsync(TimeSpan.FromSeconds(100));

        // Then 96 … 100 run, and 1 … 95 are one missed report that says how many
        Assert.Equal(Enumerable.Range(96, 5).Select(i => s.At(i)), runs.ScheduledTimes("Jobs.Second"));
        var missed = Assert.Single(s.EventsOf(SchedulerEventKind.JobMissed));
        Assert.Equal((s.At(1), TimeSpan.FromSeconds(99), 95), (missed.ScheduledTime!.Value, missed.Lateness!.Value, missed.MissedRuns!.Value));
        Assert.Equal(
            "Run times of job \"Jobs.Second (trigger: interval[0:00:01], next run at: 2026-11-27 14:01:41 UTC)\" were missed: " +
            "95 runs from 2026-11-27 14:00:01 UTC to 2026-11-27 14:01:35 UTC; the first was missed by 0:01:39",
            Assert.Single(s.Log.Warnings));
    }

    [Fact]
    public async Task Ten_thousand_one_second_jobs_after_a_ten_year_jump_catch_up_at_once_without_walking_the_backlog()
    {
        // The case: without the cap and the arithmetic this is 3.2 × 10^12 fire times under the lock.
        var runs = new RunRecorder();
        var options = new JobOptions { Coalesce = false, MisfireGraceTime = null };
        var jobs = Enumerable.Range(0, 10_000).Select(i => runs.Interval($"Jobs.J{i}", TimeSpan.FromSeconds(1), options)).ToList();
        await using var s = new FakeClockScheduler(jobs, maxCatchUpRuns: 3);
        s.Scheduler.Start();

        await s.AdvanceAsync(TimeSpan.FromDays(3653));

        var now = s.Time.GetUtcNow();
        Assert.Equal(30_000, runs.Runs.Count);
        Assert.All(runs.Runs.GroupBy(r => r.JobId), g => Assert.Equal([now.AddSeconds(-2), now.AddSeconds(-1), now], g.Select(r => r.Scheduled)));
        Assert.Equal(10_000, s.EventsOf(SchedulerEventKind.JobMissed).Count());
        Assert.All(s.Scheduler.GetJobs(), j => Assert.Equal(now.AddSeconds(1), j.NextRunTime));
    }

    [Fact]
    public async Task A_cron_backlog_is_capped_by_bisection_and_a_countless_stretch_says_so()
    {
        // Every second, no coalescing, no grace limit: a 10-day jump is 864,000 due runs of a trigger that can only be stepped.
        var runs = new RunRecorder();
        var options = new JobOptions { Coalesce = false, MisfireGraceTime = null };
        await using var s = new FakeClockScheduler([new JobDefinition("Jobs.Cron", new CronTrigger("* * * * * *", true), runs.Invoker(), options)], maxCatchUpRuns: 3);
        s.Scheduler.Start();
        await s.Settle();

        await s.AdvanceAsync(TimeSpan.FromDays(10));

        var now = s.Time.GetUtcNow();
        Assert.Equal([now.AddSeconds(-2), now.AddSeconds(-1), now], runs.ScheduledTimes("Jobs.Cron").Skip(1));
        var missed = Assert.Single(s.EventsOf(SchedulerEventKind.JobMissed));
        Assert.Equal(int.MaxValue, missed.MissedRuns);
        Assert.Contains("countless runs from", Assert.Single(s.Log.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_grace_time_only_the_runs_still_in_grace_are_caught_up()
    {
        // The restart table's last row: no coalescing, 100 s of grace, down from 0 until 200 with a 60 s interval
        var runs = new RunRecorder();
        var options = new JobOptions { Coalesce = false, MisfireGraceTime = TimeSpan.FromSeconds(100) };
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Minute", TimeSpan.FromSeconds(60), options)]);
        s.Scheduler.Start();

        await s.AdvanceAsync(TimeSpan.FromSeconds(200));

        Assert.Equal([s.At(120), s.At(180)], runs.ScheduledTimes("Jobs.Minute"));
        var missed = Assert.Single(s.EventsOf(SchedulerEventKind.JobMissed));
        Assert.Equal((s.At(60), 1), (missed.ScheduledTime!.Value, missed.MissedRuns!.Value));
        Assert.Equal(s.At(240), s.Scheduler.GetJob("Jobs.Minute").NextRunTime);
    }

    [Fact]
    public async Task A_run_of_a_backlog_that_starts_past_its_grace_behind_the_runs_before_it_is_missed()
    {
        // Given 5 s of grace and a clock at 10 s: 3 s is past grace, 6 s and 9 s are caught up; the run for 6 s takes 5 s
        var gate = new RunGate();
        var runs = new RunRecorder();
        var options = new JobOptions { Coalesce = false, MisfireGraceTime = TimeSpan.FromSeconds(5) };
        int calls = 0;
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Slow", Three, options, body: c =>
        {
            if (System.Threading.Interlocked.Increment(ref calls) == 1)
            {
                gate.Hold(c);
            }
        })]);
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(10));
        await gate.Started();

        // When the run for 6 s ends at 15 s (meanwhile 12 s and 15 s came due while the backlog held the instance)
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(5));
        gate.Release();
        await s.Settle();

        // Then 9 s, starting 6 s late, is judged missed as it starts, like a run that waited in line
        Assert.Equal([s.At(6)], runs.ScheduledTimes("Jobs.Slow"));
        Assert.Equal([s.At(3), s.At(9)], s.EventsOf(SchedulerEventKind.JobMissed).Select(e => e.ScheduledTime!.Value));
        Assert.Equal([s.At(12)], s.EventsOf(SchedulerEventKind.JobMaxInstancesReached).Select(e => e.ScheduledTime!.Value));
    }

    [Fact]
    public async Task Removing_or_pausing_a_job_stops_the_rest_of_its_backlog()
    {
        foreach (bool remove in new[] { true, false })
        {
            // Given a backlog of 3 s, 6 s and 9 s whose first run is held
            var gate = new RunGate();
            var runs = new RunRecorder();
            int calls = 0;
            var options = new JobOptions { Coalesce = false, MisfireGraceTime = null };
            await using var s = new FakeClockScheduler([runs.Interval("Jobs.Slow", Three, options, body: c =>
            {
                if (System.Threading.Interlocked.Increment(ref calls) == 1)
                {
                    gate.Hold(c);
                }
            })]);
            s.Scheduler.Start();
            await s.AdvanceLoopAsync(TimeSpan.FromSeconds(10));
            await gate.Started();

            // When the job is removed (or paused) while that run goes on
            if (remove)
            {
                s.Scheduler.RemoveJob("Jobs.Slow");
            }
            else
            {
                s.Scheduler.PauseJob("Jobs.Slow");
            }

            gate.Release();
            await s.Settle();

            // Then the run in progress finished and no other run of the backlog started
            Assert.Equal([s.At(3)], runs.ScheduledTimes("Jobs.Slow"));
        }
    }
}
