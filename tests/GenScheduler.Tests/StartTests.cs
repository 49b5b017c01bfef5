using System;
using System.Linq;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

/// <summary>
/// The start puts every job on the schedule: each first fire time is the one its trigger gives for the start, whether
/// the start lays it by the interval's arithmetic (most run-time jobs) or asks the trigger (everything else).
/// </summary>
public class StartTests
{
    private static readonly TimeSpan Late = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Each_job_is_first_due_where_its_trigger_says_for_the_instant_of_the_start()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([]);
        var t0 = FakeClockScheduler.T0;
        var now = t0 + Late;
        JobTrigger[] triggers =
        [
            new IntervalTrigger(TimeSpan.FromSeconds(7)),
            new IntervalTrigger(TimeSpan.FromSeconds(7), start: now + TimeSpan.FromSeconds(10)),
            new IntervalTrigger(TimeSpan.FromSeconds(60), start: t0.AddHours(-1).AddSeconds(13)),
            new IntervalTrigger(TimeSpan.FromSeconds(60), start: now.AddTicks(-1)),
            new IntervalTrigger(TimeSpan.FromSeconds(60), start: now.AddTicks(1)),
            new IntervalTrigger(TimeSpan.FromSeconds(30), start: t0.AddSeconds(1), end: now + TimeSpan.FromSeconds(31)),
            new IntervalTrigger(TimeSpan.FromMinutes(5), start: new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(-5))),
            new CronTrigger("*/15 * * * *", includeSeconds: false),
            new DateTrigger(now + TimeSpan.FromMinutes(1)),
        ];
        s.Scheduler.AddJobs(triggers.Select((t, i) => new JobDefinition("Jobs.T" + i, t, runs.Invoker())));
        var onTheStart = new IntervalTrigger(TimeSpan.FromSeconds(60), start: t0.AddSeconds(30));
        s.Scheduler.AddJob(new JobDefinition("Jobs.OnTheGrid", onTheStart, runs.Invoker()));

        // None is due at the start itself, where the firing thread could fire it before it is looked at.
        Assert.All(triggers, t => Assert.True(t.GetFirstFireTime(now, now) > now));

        // Added at T0, started later: the start, not the add, is the instant the first fire times are laid from.
        s.Time.Advance(Late);
        s.Scheduler.Start();

        for (int i = 0; i < triggers.Length; i++)
        {
            Assert.Equal(triggers[i].GetFirstFireTime(now, now), s.Scheduler.GetJob("Jobs.T" + i).NextRunTime);
        }

        // And by the calendar, for the intervals: from the start, on a future start, on a grid laid from an hour ago.
        Assert.Equal(now.AddSeconds(7), s.Scheduler.GetJob("Jobs.T0").NextRunTime);
        Assert.Equal(now.AddSeconds(10), s.Scheduler.GetJob("Jobs.T1").NextRunTime);
        Assert.Equal(t0.AddSeconds(-3600 + 13 + (62 * 60)), s.Scheduler.GetJob("Jobs.T2").NextRunTime);
        Assert.Equal(now.AddTicks(-1).AddSeconds(60), s.Scheduler.GetJob("Jobs.T3").NextRunTime);
        Assert.Equal(now.AddTicks(1), s.Scheduler.GetJob("Jobs.T4").NextRunTime);

        // A grid point on the start itself is the first fire (at or after the start), so it runs at once.
        await s.AdvanceAsync(TimeSpan.Zero);
        Assert.Equal([now], runs.ScheduledTimes("Jobs.OnTheGrid"));
        Assert.Equal(now + TimeSpan.FromSeconds(60), s.Scheduler.GetJob("Jobs.OnTheGrid").NextRunTime);

        // And the heap agrees: the earliest of them is the scheduler's next due time.
        Assert.Equal(triggers.Min(t => t.GetFirstFireTime(now, now)), s.Scheduler.NextDueTime);
    }

    [Fact]
    public async Task A_job_given_another_trigger_between_its_add_and_the_start_is_laid_from_that_trigger()
    {
        // A new job keeps its interval's start in its own object for the start's loop: a trigger given to it before the
        // start (rescheduled, or the job replaced) must be the one the start lays, whatever kind of trigger it is.
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([]);
        var now = FakeClockScheduler.T0 + Late;
        var first = new IntervalTrigger(TimeSpan.FromSeconds(60), start: now.AddSeconds(30));
        var cron = new CronTrigger("*/15 * * * *", includeSeconds: false);
        foreach (var id in new[] { "Jobs.Rescheduled", "Jobs.Replaced", "Jobs.ToCron", "Jobs.Paused" })
        {
            s.Scheduler.AddJob(new JobDefinition(id, first, runs.Invoker()));
        }

        s.Scheduler.RescheduleJob("Jobs.Rescheduled", new IntervalTrigger(TimeSpan.FromSeconds(60), start: now.AddSeconds(10)));
        s.Scheduler.AddJob(new JobDefinition("Jobs.Replaced", new IntervalTrigger(TimeSpan.FromSeconds(45)), runs.Invoker()), new AddJobOptions { ReplaceExisting = true });
        s.Scheduler.RescheduleJob("Jobs.ToCron", cron);
        s.Scheduler.PauseJob("Jobs.Paused");

        s.Time.Advance(Late);
        s.Scheduler.Start();
        s.Scheduler.ResumeJob("Jobs.Paused");

        Assert.Equal(now.AddSeconds(10), s.Scheduler.GetJob("Jobs.Rescheduled").NextRunTime);
        Assert.Equal(now.AddSeconds(45), s.Scheduler.GetJob("Jobs.Replaced").NextRunTime);
        Assert.Equal(cron.GetFirstFireTime(now, now), s.Scheduler.GetJob("Jobs.ToCron").NextRunTime);
        Assert.Equal(now.AddSeconds(30), s.Scheduler.GetJob("Jobs.Paused").NextRunTime);

        foreach (var step in new[] { 10, 20, 15 })
        {
            await s.AdvanceAsync(TimeSpan.FromSeconds(step));
        }

        Assert.Equal([now.AddSeconds(10)], runs.ScheduledTimes("Jobs.Rescheduled"));
        Assert.Equal([now.AddSeconds(45)], runs.ScheduledTimes("Jobs.Replaced"));
        Assert.Equal([now.AddSeconds(30)], runs.ScheduledTimes("Jobs.Paused"));
    }

    [Fact]
    public async Task An_interval_that_ended_between_its_add_and_the_start_is_reported_and_leaves()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([]);
        var t0 = FakeClockScheduler.T0;
        s.Scheduler.AddJobs(
        [
            new JobDefinition("Jobs.Ended", new IntervalTrigger(TimeSpan.FromSeconds(3), start: t0, end: t0.AddSeconds(60)), runs.Invoker()),
            runs.Interval("Jobs.Going", TimeSpan.FromSeconds(3)),
        ]);

        s.Time.Advance(Late);
        s.Scheduler.Start();

        Assert.Equal(["Jobs.Going"], s.Scheduler.GetJobs().Select(j => j.Id));
        Assert.Equal(["Jobs.Ended"], s.EventsOf(SchedulerEventKind.JobRemoved).Select(e => e.JobId));
        Assert.Contains(s.Log.Warnings, w => w.StartsWith("Job \"Jobs.Ended ", StringComparison.Ordinal) && w.Contains("has no run time after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_added_to_a_running_scheduler_is_laid_from_its_add_with_jitter_drawn()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([], random: new Random(11));
        s.Scheduler.Start();
        s.Time.Advance(Late);
        var now = s.Time.GetUtcNow();
        var jitter = TimeSpan.FromSeconds(2);
        s.Scheduler.AddJobs(
        [
            runs.Interval("Jobs.Plain", TimeSpan.FromSeconds(5)),
            new JobDefinition("Jobs.Anchored", new IntervalTrigger(TimeSpan.FromSeconds(60), start: FakeClockScheduler.T0.AddSeconds(1)), runs.Invoker()),
            runs.Interval("Jobs.Jittered", TimeSpan.FromSeconds(5), new JobOptions { Jitter = jitter }),
        ]);

        Assert.Equal(now.AddSeconds(5), s.Scheduler.GetJob("Jobs.Plain").NextRunTime);
        Assert.Equal(FakeClockScheduler.T0.AddSeconds(121), s.Scheduler.GetJob("Jobs.Anchored").NextRunTime);
        var jittered = s.Scheduler.GetJob("Jobs.Jittered").NextRunTime!.Value;
        Assert.InRange(jittered, now.AddSeconds(3), now.AddSeconds(7));
        Assert.NotEqual(now.AddSeconds(5), jittered);
        Assert.Equal(jittered < now.AddSeconds(5) ? jittered : now.AddSeconds(5), s.Scheduler.NextDueTime);

        await s.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([now.AddSeconds(5)], runs.ScheduledTimes("Jobs.Plain"));
    }

    [Fact]
    public async Task Jitter_run_on_start_and_a_pause_are_kept_by_the_start()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([], random: new Random(7));
        var interval = TimeSpan.FromSeconds(10);
        var jitter = TimeSpan.FromSeconds(2);
        s.Scheduler.AddJobs(
        [
            runs.Interval("Jobs.Jittered", interval, new JobOptions { Jitter = jitter }),
            runs.Interval("Jobs.OnStart", interval, new JobOptions { RunOnStart = true }),
        ]);
        s.Scheduler.AddJob(runs.Interval("Jobs.Paused", interval), new AddJobOptions { Paused = true });

        s.Time.Advance(Late);
        var now = s.Time.GetUtcNow();
        s.Scheduler.Start();
        await s.AdvanceAsync(TimeSpan.Zero);

        var jittered = s.Scheduler.GetJob("Jobs.Jittered").NextRunTime!.Value;
        Assert.InRange(jittered, now + interval - jitter, now + interval + jitter);
        Assert.NotEqual(now + interval, jittered);
        Assert.Equal([now], runs.ScheduledTimes("Jobs.OnStart"));
        Assert.Equal(now + interval, s.Scheduler.GetJob("Jobs.OnStart").NextRunTime);
        Assert.Null(s.Scheduler.GetJob("Jobs.Paused").NextRunTime);

        // The paused job's grid begins at the start, as if it had been scheduled there.
        await s.AdvanceAsync(TimeSpan.FromSeconds(25));
        s.Scheduler.ResumeJob("Jobs.Paused");
        Assert.Equal(now + (3 * interval), s.Scheduler.GetJob("Jobs.Paused").NextRunTime);
    }
}
