using System;
using System.Linq;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

/// <summary>Bad input is refused before anything is registered, with a message that names the job or the value; nothing is half-applied.</summary>
public class ValidationTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    [Fact]
    public void An_any_trigger_with_a_null_trigger_is_refused_naming_which()
    {
        var error = Assert.Throws<ArgumentException>(() => new AnyTrigger(new IntervalTrigger(Three), null!));

        Assert.StartsWith("AnyTrigger's trigger 1 (of 2) is null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_whose_trigger_throws_when_added_is_not_registered()
    {
        await using var s = new FakeClockScheduler([]);
        s.Scheduler.Start();

        var error = Assert.Throws<ArgumentException>(() => s.Scheduler.AddJob("Jobs.Bad", new ThrowingTrigger(), () => { }));

        Assert.StartsWith("Job \"Jobs.Bad\" cannot be scheduled: its trigger bad[] threw NullReferenceException", error.Message, StringComparison.Ordinal);
        Assert.Empty(s.Scheduler.GetJobs());
        Assert.Equal("Jobstore default:\n    No scheduled jobs\n", s.Scheduler.Describe().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_job_that_would_never_run_is_refused_naming_it_and_not_registered()
    {
        await using var s = new FakeClockScheduler([]);
        s.Scheduler.Start();
        var ended = new IntervalTrigger(Three, start: FakeClockScheduler.T0.AddDays(-2), end: FakeClockScheduler.T0.AddDays(-1));

        var error = Assert.Throws<ArgumentException>(() => s.Scheduler.AddJob("Jobs.Ended", ended, () => { }));

        Assert.StartsWith("Job \"Jobs.Ended\" would never run: its trigger interval[0:00:03] has no fire time after 2026-11-27T14:00:00", error.Message, StringComparison.Ordinal);
        Assert.False(s.Scheduler.TryGetJob("Jobs.Ended", out _));
    }

    [Fact]
    public async Task Rescheduling_to_a_trigger_that_never_fires_is_refused_and_the_job_keeps_its_old_one()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);
        s.Scheduler.Start();

        Assert.Throws<ArgumentException>(() => s.Scheduler.RescheduleJob("Jobs.Tick", new IntervalTrigger(Three, start: FakeClockScheduler.T0.AddSeconds(-9), end: FakeClockScheduler.T0.AddSeconds(-1))));
        await s.AdvanceAsync(Three);

        Assert.Equal([s.At(3)], runs.ScheduledTimes("Jobs.Tick"));
    }

    [Fact]
    public void A_cron_expression_that_never_fires_is_refused_when_the_trigger_is_made()
    {
        var error = Assert.Throws<ArgumentException>(() => new CronTrigger("0 0 30 2 *", false));

        Assert.StartsWith("The cron expression \"0 0 30 2 *\" never fires: check the day and the month", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_time_zone_is_a_time_zone_error_that_names_the_expression()
    {
        // "America" is a directory of the tz database, not a zone: reading it fails with an I/O or security error.
        var error = Assert.Throws<TimeZoneNotFoundException>(() => new CronTrigger("0 9 * * *", false, "America"));

        Assert.StartsWith("The time zone \"America\" of cron expression \"0 9 * * *\" is not known on this machine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interval_longer_than_the_calendar_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalTrigger(TimeSpan.MaxValue));

        Assert.Contains("is longer than the calendar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_one_shot_at_the_end_of_time_with_jitter_lists_and_describes()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler(
        [
            new JobDefinition("Jobs.Last", new DateTrigger(DateTimeOffset.MaxValue), runs.Invoker(), new JobOptions { Jitter = TimeSpan.FromDays(1) }),
            new JobDefinition("Jobs.Wild", new IntervalTrigger(Three), runs.Invoker(), new JobOptions { Jitter = TimeSpan.MaxValue }),
        ]);
        s.Scheduler.Start();

        var jobs = s.Scheduler.GetJobs();
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.InRange(j.NextRunTime!.Value, FakeClockScheduler.T0, DateTimeOffset.MaxValue));
        Assert.Contains("Jobs.Last (trigger: date[9999-12-31 23:59:59 UTC], next run at: ", s.Scheduler.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_start_a_table_job_with_no_run_time_left_is_reported_not_silently_dropped()
    {
        var runs = new RunRecorder();
        var ended = new CronTrigger("0 9 * * *", false, end: FakeClockScheduler.T0.AddDays(-1));
        await using var s = new FakeClockScheduler([new JobDefinition("Jobs.Over", ended, runs.Invoker())]);

        s.Scheduler.Start();

        Assert.Contains("Job \"Jobs.Over (trigger: cron[0 9 * * *])\" has no run time after 2026-11-27 14:00:00 UTC, so it never runs and leaves the scheduler", s.Log.Warnings);
        Assert.Equal("Jobs.Over", Assert.Single(s.EventsOf(SchedulerEventKind.JobRemoved)).JobId);
    }

    [Fact]
    public void Scheduler_options_out_of_range_are_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Scheduler([], new SchedulerOptions { MaxCatchUpRuns = 0 }));

        Assert.Contains("SchedulerOptions.MaxCatchUpRuns is 0; it must be at least 1", error.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingTrigger : JobTrigger
    {
        public override DateTimeOffset? GetNextFireTime(DateTimeOffset after, DateTimeOffset origin) => throw new NullReferenceException();

        public override string ToString() => "bad[]";
    }
}
