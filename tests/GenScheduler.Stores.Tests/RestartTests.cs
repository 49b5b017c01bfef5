using System;
using System.Linq;
using System.Threading.Tasks;
using static GenScheduler.Stores.Tests.StoreScheduler;

namespace GenScheduler.Stores.Tests;

/// <summary>
/// The restart table of the job-store issue, on each real store: an interval job of 60 s runs at 0, the process stops,
/// and a new one starts at 200 s on the same store. What it catches up on follows the misfire rules, as in memory.
/// Each subclass gives a fresh store (a new file, a new database) per test.
/// </summary>
public abstract class RestartTests : IAsyncLifetime
{
    private const string Id = "Jobs.Minutely";
    private readonly Runs _runs = new();

    /// <summary>A new store object on this test's store, as a new process would make.</summary>
    protected abstract IJobStore OpenStore();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(true, 1.0, new double[0], new[] { 180.0 }, 240)]
    [InlineData(true, 30.0, new[] { 180.0 }, new double[0], 240)]
    [InlineData(false, double.PositiveInfinity, new[] { 60.0, 120.0, 180.0 }, new double[0], 240)]
    [InlineData(false, 100.0, new[] { 120.0, 180.0 }, new[] { 60.0 }, 240)]
    public async Task A_restart_catches_up_by_the_misfire_rules(bool coalesce, double grace, double[] runs, double[] missed, double next)
    {
        var options = new JobOptions
        {
            Coalesce = coalesce,
            MisfireGraceTime = double.IsPositiveInfinity(grace) ? null : TimeSpan.FromSeconds(grace),
        };
        await RunFirstProcess(options);

        await using var second = new StoreScheduler(OpenStore(), [Job(options)], T0.AddSeconds(200));
        await second.StartAsync();

        Assert.Equal(runs.Select(s => T0.AddSeconds(s)), _runs.Of(Id).Skip(1));
        Assert.Equal(missed.Select(s => T0.AddSeconds(s)), second.EventsOf(SchedulerEventKind.JobMissed).Select(e => e.ScheduledTime!.Value));
        Assert.Equal(T0.AddSeconds(next), second.Scheduler.GetJob(Id).NextRunTime);
    }

    [Fact]
    public async Task Starting_the_table_again_does_not_reset_the_stored_next_run_time()
    {
        await RunFirstProcess(JobOptions.Default);

        // Restarted before the next run: the job keeps 60, not a new grid from the restart.
        await using var second = new StoreScheduler(OpenStore(), [Job(JobOptions.Default)], T0.AddSeconds(30));
        await second.StartAsync();

        Assert.Equal(T0.AddSeconds(60), second.Scheduler.GetJob(Id).NextRunTime);
        await second.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([T0, T0.AddSeconds(60)], _runs.Of(Id));
    }

    [Fact]
    public async Task A_pause_survives_a_restart()
    {
        await using (var first = new StoreScheduler(OpenStore(), [Job(JobOptions.Default)], T0))
        {
            await first.StartAsync();
            first.Scheduler.PauseJob(Id);
            await first.StopAsync();
        }

        await using var second = new StoreScheduler(OpenStore(), [Job(JobOptions.Default)], T0.AddSeconds(500));
        await second.StartAsync();

        var job = second.Scheduler.GetJob(Id);
        Assert.True(job.IsPaused);
        Assert.Null(job.NextRunTime);
        Assert.Equal([T0], _runs.Of(Id));

        // Resumed, it goes on from now on its original grid.
        second.Scheduler.ResumeJob(Id);
        Assert.Equal(T0.AddSeconds(540), second.Scheduler.GetJob(Id).NextRunTime);
    }

    [Fact]
    public async Task A_rescheduled_trigger_survives_a_restart()
    {
        await using (var first = new StoreScheduler(OpenStore(), [Job(JobOptions.Default)], T0))
        {
            await first.StartAsync();
            first.Scheduler.RescheduleJob(Id, new IntervalTrigger(TimeSpan.FromSeconds(10)));
            await first.StopAsync();
        }

        await using var second = new StoreScheduler(OpenStore(), [Job(JobOptions.Default)], T0.AddSeconds(5));
        await second.StartAsync();

        var trigger = Assert.IsType<IntervalTrigger>(second.Scheduler.GetJob(Id).Definition.Trigger);
        Assert.Equal(TimeSpan.FromSeconds(10), trigger.Interval);
        Assert.Equal(T0.AddSeconds(10), second.Scheduler.GetJob(Id).NextRunTime);
    }

    [Fact]
    public async Task A_stored_job_is_not_replaced_by_one_the_store_cannot_keep_and_keeps_its_schedule()
    {
        await using var scheduler = new StoreScheduler(OpenStore(), [Job(JobOptions.Default)], T0);
        await scheduler.StartAsync();

        // A delegate made at run time cannot be restored after a restart, so the store could not keep the replacement
        var replacement = new JobDefinition(Id, new IntervalTrigger(TimeSpan.FromSeconds(10)), _runs.Invoker());
        var error = Assert.Throws<ArgumentException>(() => scheduler.Scheduler.AddJob(replacement, new AddJobOptions { ReplaceExisting = true }));

        Assert.Contains($"Job \"{Id}\" is kept by job store", error.Message, StringComparison.Ordinal);
        Assert.Contains("Remove the job first", error.Message, StringComparison.Ordinal);
        var trigger = Assert.IsType<IntervalTrigger>(scheduler.Scheduler.GetJob(Id).Definition.Trigger);
        Assert.Equal(TimeSpan.FromSeconds(60), trigger.Interval);
        Assert.Equal(T0.AddSeconds(60), scheduler.Scheduler.GetJob(Id).NextRunTime);
    }

    [Fact]
    public async Task Modified_options_survive_a_restart()
    {
        await using (var first = new StoreScheduler(OpenStore(), [Job(JobOptions.Default)], T0))
        {
            await first.StartAsync();
            first.Scheduler.ModifyJob(Id, new JobOptions { MaxInstances = 3, Delivery = RunDelivery.AtLeastOnce });
            await first.StopAsync();
        }

        await using var second = new StoreScheduler(OpenStore(), [Job(JobOptions.Default)], T0.AddSeconds(5));
        await second.StartAsync();

        var options = second.Scheduler.GetJob(Id).Definition.Options;
        Assert.Equal(3, options.MaxInstances);
        Assert.Equal(RunDelivery.AtLeastOnce, options.Delivery);
    }

    [Fact]
    public async Task A_stored_target_job_replaced_in_place_survives_a_restart_with_its_new_schedule()
    {
        var report = JobDefinition.Unscheduled("MyApp.Jobs.Report", _runs.Invoker());
        var replace = new AddJobOptions { ReplaceExisting = true };
        await using (var first = new StoreScheduler(OpenStore(), [report], T0))
        {
            await first.StartAsync();
            first.Scheduler.AddJob("report-eu", "MyApp.Jobs.Report", new IntervalTrigger(TimeSpan.FromSeconds(60)), null, replace);
            await first.AdvanceAsync(TimeSpan.FromSeconds(60));

            // Replaced at 60 s by a 10 s schedule with two instances: no remove and re-add, no duplicate id error
            first.Scheduler.AddJob("report-eu", "MyApp.Jobs.Report", new IntervalTrigger(TimeSpan.FromSeconds(10)), new JobOptions { MaxInstances = 2 }, replace);
            Assert.Equal(T0.AddSeconds(70), first.Scheduler.GetJob("report-eu").NextRunTime);
            await first.StopAsync();
        }

        // The new process finds the replacement in the store, not the first schedule
        await using var second = new StoreScheduler(OpenStore(), [report], T0.AddSeconds(65));
        await second.StartAsync();

        var job = second.Scheduler.GetJob("report-eu");
        Assert.Equal(TimeSpan.FromSeconds(10), Assert.IsType<IntervalTrigger>(job.Definition.Trigger).Interval);
        Assert.Equal(2, job.Definition.Options.MaxInstances);
        Assert.Equal(T0.AddSeconds(70), job.NextRunTime);
        Assert.Equal([T0.AddSeconds(60)], _runs.Of("report-eu"));
    }

    [Fact]
    public async Task A_reschedule_right_after_a_fire_is_not_undone_by_a_resync_of_the_row_the_fire_left()
    {
        // A resync that read the row before the reschedule used to apply it after, and the reschedule then wrote the
        // undone state (about one run in two on PostgreSQL, whose notifications start such resyncs).
        await using var second = await ChangeRightAfterAFireAndRestartAsync(
            s => s.RescheduleJob("report-eu", new IntervalTrigger(TimeSpan.FromSeconds(10))));

        Assert.Equal(T0.AddSeconds(70), second.Scheduler.GetJob("report-eu").NextRunTime);
    }

    [Fact]
    public async Task A_job_removed_right_after_a_fire_stays_removed_across_a_restart()
    {
        await using var second = await ChangeRightAfterAFireAndRestartAsync(s =>
        {
            s.RemoveJob("report-eu");
            Assert.False(s.TryGetJob("report-eu", out _));
        });

        Assert.False(second.Scheduler.TryGetJob("report-eu", out _));
    }

    /// <summary>
    /// A first process adds a job by target every 60 s, lets it fire, makes <paramref name="change"/> at once and stops;
    /// the second process, started at 65 s, is returned started.
    /// </summary>
    private async Task<StoreScheduler> ChangeRightAfterAFireAndRestartAsync(Action<Scheduler> change)
    {
        var report = JobDefinition.Unscheduled("MyApp.Jobs.Report", _runs.Invoker());
        await using (var first = new StoreScheduler(OpenStore(), [report], T0))
        {
            await first.StartAsync();
            first.Scheduler.AddJob("report-eu", target: "MyApp.Jobs.Report", new IntervalTrigger(TimeSpan.FromSeconds(60)));
            await first.AdvanceAsync(TimeSpan.FromSeconds(60));
            change(first.Scheduler);
            await first.StopAsync();
        }

        var second = new StoreScheduler(OpenStore(), [report], T0.AddSeconds(65));
        try
        {
            await second.StartAsync();
            return second;
        }
        catch
        {
            await second.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task A_job_added_by_target_survives_a_restart_and_keeps_its_schedule()
    {
        var report = JobDefinition.Unscheduled("MyApp.Jobs.Report", _runs.Invoker());
        await using (var first = new StoreScheduler(OpenStore(), [report], T0))
        {
            await first.StartAsync();
            var added = first.Scheduler.AddJob("report-eu", target: "MyApp.Jobs.Report", new IntervalTrigger(TimeSpan.FromSeconds(60)));
            Assert.Equal("MyApp.Jobs.Report", added.Target);
            await first.AdvanceAsync(TimeSpan.FromSeconds(60));
            await first.StopAsync();
        }

        // The new process adds nothing: the job comes back from the file, on its stored grid.
        await using var second = new StoreScheduler(OpenStore(), [report], T0.AddSeconds(90));
        await second.StartAsync();

        var job = second.Scheduler.GetJob("report-eu");
        Assert.Equal("MyApp.Jobs.Report", job.Definition.Target);
        Assert.Equal(T0.AddSeconds(120), job.NextRunTime);
        await second.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([T0.AddSeconds(60), T0.AddSeconds(120)], _runs.Of("report-eu"));
    }

    [Fact]
    public async Task When_the_schedule_changed_in_code_the_code_wins_and_the_next_run_is_computed_afresh()
    {
        await RunFirstProcess(JobOptions.Default);

        var changed = new JobDefinition(Id, new IntervalTrigger(TimeSpan.FromSeconds(30)), _runs.Invoker());
        await using var second = new StoreScheduler(OpenStore(), [changed], T0.AddSeconds(200));
        await second.StartAsync();

        Assert.Equal(T0.AddSeconds(230), second.Scheduler.GetJob(Id).NextRunTime);
        Assert.Empty(second.EventsOf(SchedulerEventKind.JobMissed));
        Assert.Contains(second.Log.Messages("ScheduleChangedInCode"), m => m.Contains(Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stored_job_the_table_no_longer_has_is_reported_and_left_alone()
    {
        await RunFirstProcess(JobOptions.Default);

        var other = new JobDefinition("Jobs.Other", new IntervalTrigger(TimeSpan.FromSeconds(60)), _runs.Invoker());
        await using (var second = new StoreScheduler(OpenStore(), [other], T0.AddSeconds(10)))
        {
            await second.StartAsync();
            Assert.Equal(Id, Assert.Single(second.EventsOf(SchedulerEventKind.StoredJobUnknown)).JobId);
            Assert.Contains(second.Log.Messages("StoredJobUnknown"), m => m.Contains(Id, StringComparison.Ordinal) && m.Contains("not in the job table", StringComparison.Ordinal));
            await second.StopAsync();
        }

        // Its row is untouched: a later process that has the job again finds its state.
        await using var third = new StoreScheduler(OpenStore(), [Job(JobOptions.Default)], T0.AddSeconds(20));
        await third.StartAsync();
        Assert.Equal(T0.AddSeconds(60), third.Scheduler.GetJob(Id).NextRunTime);
    }

    [Fact]
    public async Task A_delegate_job_is_kept_in_memory_only_and_the_scheduler_says_so()
    {
        await using var scheduler = new StoreScheduler(OpenStore(), [], T0);
        await scheduler.StartAsync();
        scheduler.Scheduler.AddJob("adhoc", new IntervalTrigger(TimeSpan.FromSeconds(5)), () => { });

        Assert.Contains(scheduler.Log.Messages("JobNotStored"), m => m.Contains("\"adhoc\"", StringComparison.Ordinal) && m.Contains("delegate", StringComparison.Ordinal));
        await scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(scheduler.Scheduler.GetJob("adhoc").NextRunTime);
    }

    [Fact]
    public async Task The_last_run_and_its_outcome_are_stored()
    {
        await RunFirstProcess(JobOptions.Default);

        using var store = OpenStore();
        store.Open(new JobStoreSession("reader", new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0), TimeSpan.FromSeconds(30)));
        var row = Assert.Single(store.LoadJobs());
        Assert.Equal(T0, row.LastRunTime);
        Assert.Equal(RunOutcome.Succeeded, row.LastOutcome);
        Assert.Equal(T0.AddSeconds(60), row.NextRunTime);
    }

    [Fact]
    public async Task A_pause_made_before_the_start_wins_over_the_stored_state()
    {
        await RunFirstProcess(JobOptions.Default);

        await using (var second = new StoreScheduler(OpenStore(), [Job(JobOptions.Default)], T0.AddSeconds(200)))
        {
            second.Scheduler.PauseJob(Id);
            await second.StartAsync();
            Assert.True(second.Scheduler.GetJob(Id).IsPaused);
            Assert.Equal([T0], _runs.Of(Id));
            await second.StopAsync();
        }

        await using var third = new StoreScheduler(OpenStore(), [Job(JobOptions.Default)], T0.AddSeconds(300));
        await third.StartAsync();
        Assert.True(third.Scheduler.GetJob(Id).IsPaused);
    }

    private JobDefinition Job(JobOptions options) =>
        new(Id, new IntervalTrigger(TimeSpan.FromSeconds(60), start: T0), _runs.Invoker(), options);

    /// <summary>The first process: starts at 0, runs the job at 0, stops cleanly.</summary>
    private async Task RunFirstProcess(JobOptions options)
    {
        await using var first = new StoreScheduler(OpenStore(), [Job(options)], T0);
        await first.StartAsync();
        Assert.Equal([T0], _runs.Of(Id));
        await first.StopAsync();
    }
}