using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

/// <summary>
/// The rest of APScheduler's job API: add a job paused (<c>next_run_time=None</c>), replace one
/// (<c>replace_existing=True</c>), move its next run (<c>modify_job(next_run_time=…)</c>), change some of its options
/// (<c>modify_job(max_instances=2)</c>), and the grace time of zero that APScheduler refuses.
/// </summary>
public class JobApiTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);
    private static readonly AddJobOptions Paused = new() { Paused = true };
    private static readonly AddJobOptions Replace = new() { ReplaceExisting = true };

    [Fact]
    public async Task A_job_added_paused_never_fires_until_resumed_and_then_keeps_a_grid_from_when_it_was_added()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([]);
        s.Scheduler.Start();

        // Given a job due at once and on start, added paused
        s.Scheduler.AddJob(runs.Interval("Jobs.Tick", Three, new JobOptions { RunOnStart = true }), Paused);
        await s.AdvanceAsync(TimeSpan.FromSeconds(10));

        // Then it never ran, lists as paused, and was reported added then paused
        Assert.Empty(runs.Runs);
        var info = s.Scheduler.GetJob("Jobs.Tick");
        Assert.True(info.IsPaused);
        Assert.Null(info.NextRunTime);
        Assert.Equal(
            [SchedulerEventKind.JobAdded, SchedulerEventKind.JobPaused],
            s.Events.Where(e => e.JobId == "Jobs.Tick").Select(e => e.Kind));

        // When resumed at 10 s, it runs on the grid laid when it was added (3, 6, 9, 12 …): next at 12
        s.Scheduler.ResumeJob("Jobs.Tick");
        Assert.Equal(s.At(12), s.Scheduler.GetJob("Jobs.Tick").NextRunTime);
        await s.Scheduler.AdvanceAsync(s.Time, Three);
        Assert.Equal([s.At(12)], runs.ScheduledTimes("Jobs.Tick"));
    }

    [Fact]
    public async Task A_job_added_paused_before_the_start_stays_paused_through_it()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([]);
        s.Scheduler.AddJob(runs.Interval("Jobs.Tick", Three, new JobOptions { RunOnStart = true }), Paused);

        s.Scheduler.Start();
        await s.Scheduler.AdvanceAsync(s.Time, TimeSpan.FromSeconds(9));

        Assert.Empty(runs.Runs);
        Assert.True(s.Scheduler.GetJob("Jobs.Tick").IsPaused);
    }

    [Fact]
    public async Task Replacing_a_job_keeps_its_place_and_its_run_in_progress_and_takes_the_new_schedule_from_now()
    {
        // Given a job whose run at 3 s is still going at 4 s
        var gate = new RunGate();
        var original = new RunRecorder();
        var replacement = new RunRecorder();
        await using var s = new FakeClockScheduler([original.Interval("Jobs.Report", Three, body: gate.Hold)]);
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(Three);
        await gate.Started();
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(1));

        // When it is replaced by a 10 s job with two instances
        int added = s.EventsOf(SchedulerEventKind.JobAdded).Count();
        s.Scheduler.AddJob(replacement.Interval("Jobs.Report", TimeSpan.FromSeconds(10), new JobOptions { MaxInstances = 2 }), Replace);

        // Then the run in progress still counts, the new schedule starts from now (next at 14 s), and it was a change, not an add
        var info = s.Scheduler.GetJob("Jobs.Report");
        Assert.Equal(1, info.RunningInstances);
        Assert.Equal(2, info.Definition.Options.MaxInstances);
        Assert.Equal("interval[0:00:10]", info.Definition.Trigger.ToString());
        Assert.Equal(s.At(14), info.NextRunTime);
        Assert.Single(s.Scheduler.GetJobs());
        Assert.Single(s.EventsOf(SchedulerEventKind.JobModified));
        Assert.Equal(added, s.EventsOf(SchedulerEventKind.JobAdded).Count());

        // And the new body runs at 14 s beside the old run, which ends as it began
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(10));
        gate.Release();
        await s.Settle();
        Assert.Equal([s.At(14)], replacement.ScheduledTimes("Jobs.Report"));
        Assert.Equal([s.At(3), s.At(14)], s.EventsOf(SchedulerEventKind.JobExecuted).Select(e => e.ScheduledTime).Order());
        Assert.Equal(0, s.Scheduler.GetJob("Jobs.Report").RunningInstances);
    }

    [Fact]
    public async Task Replace_existing_adds_a_job_that_is_not_there_and_without_it_a_duplicate_still_throws()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([]);
        s.Scheduler.Start();

        s.Scheduler.AddJob(runs.Interval("Jobs.New", Three), Replace);
        var conflict = Assert.Throws<ConflictingJobIdException>(() => s.Scheduler.AddJob(runs.Interval("Jobs.New", Three), new AddJobOptions()));

        Assert.Equal("Jobs.New", conflict.JobId);
        Assert.Single(s.EventsOf(SchedulerEventKind.JobAdded));
        Assert.Equal(s.At(3), s.Scheduler.GetJob("Jobs.New").NextRunTime);
    }

    [Fact]
    public async Task A_replacement_that_would_never_run_is_refused_and_the_job_keeps_its_schedule()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);
        s.Scheduler.Start();

        var never = new JobDefinition("Jobs.Tick", new IntervalTrigger(Three, s.At(-10), s.At(-5)), runs.Invoker());
        var error = Assert.Throws<ArgumentException>(() => s.Scheduler.AddJob(never, Replace));

        Assert.Contains("Jobs.Tick", error.Message, StringComparison.Ordinal);
        Assert.Equal("interval[0:00:03]", s.Scheduler.GetJob("Jobs.Tick").Definition.Trigger.ToString());
        Assert.Equal(s.At(3), s.Scheduler.GetJob("Jobs.Tick").NextRunTime);
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobModified));
    }

    [Fact]
    public async Task Setting_the_next_run_time_moves_the_schedule_rather_than_adding_a_run()
    {
        // Given a 10 s job, due at 10 s
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Report", TimeSpan.FromSeconds(10))]);
        s.Scheduler.Start();

        // When its next run is set to 4 s
        s.Scheduler.SetNextRunTime("Jobs.Report", s.At(4));
        Assert.Equal(s.At(4), s.Scheduler.GetJob("Jobs.Report").NextRunTime);
        await s.Scheduler.AdvanceAsync(s.Time, TimeSpan.FromSeconds(30));

        // Then it ran at 4 s and every 10 s from there; never at 10 s
        Assert.Equal([s.At(4), s.At(14), s.At(24)], runs.ScheduledTimes("Jobs.Report"));
        Assert.Single(s.EventsOf(SchedulerEventKind.JobModified));
    }

    [Fact]
    public async Task Setting_the_next_run_time_of_a_paused_job_resumes_it_and_a_time_past_its_grace_is_a_missed_run()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Report", TimeSpan.FromSeconds(10))]);
        s.Scheduler.Start();
        s.Scheduler.PauseJob("Jobs.Report");
        await s.AdvanceAsync(TimeSpan.FromSeconds(20));

        // A time 5 s ago, with the default grace of 1 s
        s.Scheduler.SetNextRunTime("Jobs.Report", s.At(15));
        await s.Settle();

        Assert.False(s.Scheduler.GetJob("Jobs.Report").IsPaused);
        Assert.Empty(runs.Runs);
        Assert.Equal([s.At(15)], s.EventsOf(SchedulerEventKind.JobMissed).Select(e => e.ScheduledTime));
        Assert.Single(s.EventsOf(SchedulerEventKind.JobResumed));
        Assert.Equal(s.At(25), s.Scheduler.GetJob("Jobs.Report").NextRunTime);
    }

    [Fact]
    public async Task Setting_the_next_run_time_before_the_start_says_the_scheduler_is_not_running()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Report", Three)]);

        var error = Assert.Throws<SchedulerNotRunningException>(() => s.Scheduler.SetNextRunTime("Jobs.Report", s.At(1)));

        Assert.Contains("set the next run time of \"Jobs.Report\"", error.Message, StringComparison.Ordinal);
        Assert.Throws<JobNotFoundException>(() => { s.Scheduler.Start(); s.Scheduler.SetNextRunTime("Jobs.Nope", s.At(1)); });
    }

    [Fact]
    public async Task Modify_with_a_change_keeps_every_option_it_does_not_name_and_the_whole_form_resets_them()
    {
        var runs = new RunRecorder();
        var options = new JobOptions { Coalesce = false, Jitter = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(30), MisfireGraceTime = null };
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Report", TimeSpan.FromSeconds(10), options)]);

        s.Scheduler.ModifyJob("Jobs.Report", o => o with { MaxInstances = 2 });
        Assert.Equal(options with { MaxInstances = 2 }, s.Scheduler.GetJob("Jobs.Report").Definition.Options);

        // The whole-options form is documented to replace all of them
        s.Scheduler.ModifyJob("Jobs.Report", new JobOptions { MaxInstances = 3 });
        Assert.Equal(new JobOptions { MaxInstances = 3 }, s.Scheduler.GetJob("Jobs.Report").Definition.Options);
        Assert.Equal(2, s.EventsOf(SchedulerEventKind.JobModified).Count());
    }

    [Fact]
    public async Task A_change_of_options_that_is_out_of_range_or_null_is_refused_and_the_job_keeps_its_options()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Report", Three)]);

        var range = Assert.Throws<ArgumentOutOfRangeException>(() => s.Scheduler.ModifyJob("Jobs.Report", o => o with { MaxInstances = 0 }));
        var none = Assert.Throws<ArgumentException>(() => s.Scheduler.ModifyJob("Jobs.Report", _ => null!));

        Assert.Contains("Job \"Jobs.Report\": MaxInstances is 0", range.Message, StringComparison.Ordinal);
        Assert.Contains("returned null", none.Message, StringComparison.Ordinal);
        Assert.Equal(JobOptions.Default, s.Scheduler.GetJob("Jobs.Report").Definition.Options);
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobModified));
    }

    [Fact]
    public async Task Two_changes_of_options_made_at_once_are_both_kept()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Report", Three)]);
        using var inside = new ManualResetEventSlim();
        using var other = new ManualResetEventSlim();
        int calls = 0;

        // The first change is held inside its delegate while another change lands; it must then start over
        var first = Task.Run(() => s.Scheduler.ModifyJob("Jobs.Report", o =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                inside.Set();
                Assert.True(other.Wait(TimeSpan.FromSeconds(30)));
            }

            return o with { MaxInstances = 4 };
        }));
        Assert.True(inside.Wait(TimeSpan.FromSeconds(30)));
        s.Scheduler.ModifyJob("Jobs.Report", o => o with { Coalesce = false });
        other.Set();
        await first.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, calls);
        Assert.Equal(JobOptions.Default with { MaxInstances = 4, Coalesce = false }, s.Scheduler.GetJob("Jobs.Report").Definition.Options);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_misfire_grace_time_that_is_not_positive_is_refused_naming_the_job(int ticks)
    {
        var grace = TimeSpan.FromTicks(ticks);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new JobDefinition("Jobs.Report", new IntervalTrigger(Three), _ => default, new JobOptions { MisfireGraceTime = grace }));

        Assert.Equal("MisfireGraceTime", error.ParamName);
        Assert.Contains($"Job \"Jobs.Report\": MisfireGraceTime is {grace}; it must be positive (null for no limit)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shortest_grace_still_runs_a_job_on_a_fake_clock_where_runs_start_on_time()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Report", Three, new JobOptions { MisfireGraceTime = TimeSpan.FromTicks(1) })]);
        s.Scheduler.Start();

        await s.AdvanceAsync(Three);
        await s.AdvanceAsync(TimeSpan.FromSeconds(3.5));

        // The first ran on time; the second was looked at half a second late, past a grace of 100 ns
        Assert.Equal([s.At(3)], runs.ScheduledTimes("Jobs.Report"));
        Assert.Equal([s.At(6)], s.EventsOf(SchedulerEventKind.JobMissed).Select(e => e.ScheduledTime));
    }

    [Fact]
    public async Task The_life_cycle_answers_each_call_by_state_and_a_stopped_scheduler_says_it_runs_once()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);

        // Not started: changes are allowed, running-only calls say so
        s.Scheduler.ModifyJob("Jobs.Tick", o => o with { MaxInstances = 2 });
        Assert.Equal(SchedulerState.NotStarted, Assert.Throws<SchedulerNotRunningException>(() => s.Scheduler.SetNextRunTime("Jobs.Tick", s.At(1))).State);

        // Running: a second start says it is running
        s.Scheduler.Start();
        Assert.Equal(SchedulerState.Running, Assert.Throws<SchedulerAlreadyRunningException>(s.Scheduler.Start).State);

        // Stopped: every call that would change or start something says the scheduler has been shut down
        await s.Scheduler.ShutdownAsync();
        Assert.Equal(SchedulerState.Stopped, s.Scheduler.State);
        Assert.Throws<SchedulerShutDownException>(s.Scheduler.Start);
        Assert.Throws<SchedulerShutDownException>(() => s.Scheduler.SetNextRunTime("Jobs.Tick", s.At(1)));
        Assert.Throws<SchedulerShutDownException>(() => s.Scheduler.ModifyJob("Jobs.Tick", o => o with { MaxInstances = 3 }));
        Assert.Throws<SchedulerShutDownException>(() => s.Scheduler.AddJob(runs.Interval("Jobs.Other", Three), Replace));
        Assert.Throws<SchedulerShutDownException>(() => s.Scheduler.AddJob(runs.Interval("Jobs.Tick", Three), Replace));
        await s.Scheduler.ShutdownAsync(); // a second shutdown has nothing to do
    }
}
