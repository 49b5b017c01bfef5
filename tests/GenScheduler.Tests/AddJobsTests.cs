using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

/// <summary><see cref="Scheduler.AddJobs"/>: a batch is one change, all of it or none of it, before or after the start.</summary>
public class AddJobsTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_batch_added_before_the_start_fires_like_the_table_and_each_job_is_announced()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([]);
        s.Scheduler.AddJobs(Enumerable.Range(0, 100).Select(i => runs.Interval("Jobs.Batch" + i, TimeSpan.FromSeconds(1 + (i % 3)))));
        s.Scheduler.Start();
        for (int second = 0; second < 3; second++)
        {
            await s.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(100, s.Scheduler.GetJobs().Count);
        Assert.Equal(100, s.EventsOf(SchedulerEventKind.JobAdded).Count());
        // Each job fired on its own interval from the start: 3, 1 (at 2 s) and 1 (at 3 s) runs for intervals 1, 2, 3 s.
        Assert.Equal([s.At(1), s.At(2), s.At(3)], runs.ScheduledTimes("Jobs.Batch0").Order());
        Assert.Equal([s.At(2)], runs.ScheduledTimes("Jobs.Batch1"));
        Assert.Equal([s.At(3)], runs.ScheduledTimes("Jobs.Batch2"));
    }

    [Fact]
    public async Task A_batch_added_to_a_running_scheduler_is_scheduled_from_now_and_fires_on_time()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Slow", TimeSpan.FromHours(1))]);
        s.Scheduler.Start();
        await s.AdvanceAsync(TimeSpan.FromSeconds(10));

        s.Scheduler.AddJobs([runs.Interval("Jobs.A", Three), runs.Interval("Jobs.B", TimeSpan.FromSeconds(2))]);
        Assert.Equal(s.At(12), s.Scheduler.NextDueTime);
        await s.AdvanceAsync(Three);

        Assert.Equal([s.At(13)], runs.ScheduledTimes("Jobs.A"));
        Assert.Equal([s.At(12)], runs.ScheduledTimes("Jobs.B"));
    }

    [Fact]
    public async Task A_clash_inside_the_batch_adds_none_of_it_and_names_the_id()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Kept", Three)]);
        s.Scheduler.Start();

        var error = Assert.Throws<ConflictingJobIdException>(() =>
            s.Scheduler.AddJobs([runs.Interval("Jobs.New1", Three), runs.Interval("Jobs.Twice", Three), runs.Interval("Jobs.Twice", Three)]));

        Assert.Equal("Jobs.Twice", error.JobId);
        Assert.Equal(["Jobs.Kept"], s.Scheduler.GetJobs().Select(j => j.Id));
        await s.AdvanceAsync(Three);
        Assert.Equal(["Jobs.Kept"], runs.Runs.Select(r => r.JobId));

        // The slots the refused batch took are free again: a later batch with the same ids goes in whole.
        s.Scheduler.AddJobs([runs.Interval("Jobs.New1", Three), runs.Interval("Jobs.Twice", Three)]);
        Assert.Equal(["Jobs.Kept", "Jobs.New1", "Jobs.Twice"], s.Scheduler.GetJobs().Select(j => j.Id).Order());
    }

    [Fact]
    public async Task A_long_batch_fills_freed_slots_and_a_clash_deep_in_it_adds_none_of_it()
    {
        // Longer than the few ids the registry reads ahead at a time, so clashes fall in a later group than their twins.
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([]);
        s.Scheduler.AddJobs(Enumerable.Range(0, 10).Select(i => runs.Interval("Jobs.Old" + i, Three)));
        for (int i = 0; i < 10; i += 2)
        {
            s.Scheduler.RemoveJob("Jobs.Old" + i);
        }

        var twin = Enumerable.Range(0, 30).Select(i => runs.Interval(i == 21 ? "Jobs.New3" : "Jobs.New" + i, Three));
        Assert.Equal("Jobs.New3", Assert.Throws<ConflictingJobIdException>(() => s.Scheduler.AddJobs(twin)).JobId);
        var old = Enumerable.Range(0, 30).Select(i => runs.Interval(i == 17 ? "Jobs.Old5" : "Jobs.New" + i, Three));
        Assert.Equal("Jobs.Old5", Assert.Throws<ConflictingJobIdException>(() => s.Scheduler.AddJobs(old)).JobId);
        Assert.Equal(5, s.Scheduler.GetJobs().Count);

        s.Scheduler.AddJobs(Enumerable.Range(0, 30).Select(i => runs.Interval("Jobs.New" + i, Three)));
        s.Scheduler.Start();
        await s.AdvanceAsync(Three);

        Assert.Equal(35, s.Scheduler.GetJobs().Count);
        Assert.Equal(35, runs.Runs.Select(r => r.JobId).Distinct().Count());
        Assert.All(Enumerable.Range(0, 30), i => Assert.True(s.Scheduler.TryGetJob("Jobs.New" + i, out _)));
    }

    [Fact]
    public async Task A_clash_with_a_job_already_there_adds_none_of_the_batch()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Kept", Three)]);

        Assert.Throws<ConflictingJobIdException>(() => s.Scheduler.AddJobs([runs.Interval("Jobs.New", Three), runs.Interval("Jobs.Kept", Three)]));

        Assert.Equal(["Jobs.Kept"], s.Scheduler.GetJobs().Select(j => j.Id));
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobAdded));
    }

    [Fact]
    public async Task A_job_that_would_never_run_refuses_the_batch_before_anything_is_added()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([]);
        var ended = new IntervalTrigger(Three, FakeClockScheduler.T0.AddDays(-1), FakeClockScheduler.T0.AddHours(-1));

        var error = Assert.Throws<ArgumentException>(() =>
            s.Scheduler.AddJobs([runs.Interval("Jobs.Fine", Three), new JobDefinition("Jobs.Never", ended, runs.Invoker())]));

        Assert.Contains("\"Jobs.Never\"", error.Message, StringComparison.Ordinal);
        Assert.Empty(s.Scheduler.GetJobs());
    }

    [Fact]
    public async Task A_null_in_the_batch_is_refused_by_name_and_nothing_is_added()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([]);

        var error = Assert.Throws<ArgumentNullException>(() => s.Scheduler.AddJobs([runs.Interval("Jobs.Fine", Three), null!]));

        Assert.Equal("jobs", error.ParamName);
        Assert.Empty(s.Scheduler.GetJobs());
    }

    [Fact]
    public async Task A_target_without_a_schedule_refuses_the_batch_by_name_and_nothing_is_added()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([]);

        var error = Assert.Throws<ArgumentException>(() =>
            s.Scheduler.AddJobs([runs.Interval("Jobs.Fine", Three), JobDefinition.Unscheduled("Jobs.Target", runs.Invoker())]));

        Assert.Equal("jobs", error.ParamName);
        Assert.Contains("Job \"Jobs.Target\" has no schedule", error.Message, StringComparison.Ordinal);
        Assert.Empty(s.Scheduler.GetJobs());
        Assert.Equal("job", Assert.Throws<ArgumentException>(() => s.Scheduler.AddJob(JobDefinition.Unscheduled("Jobs.Target", runs.Invoker()))).ParamName);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_job_that_needs_services_refuses_the_batch_when_the_scheduler_has_none(bool asArray)
    {
        // Services named by an array (what the generator writes) and by another list: both are seen.
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([]);
        IReadOnlyList<Type> services = asArray ? [typeof(IServiceProvider)] : new List<Type> { typeof(IServiceProvider) };
        var needy = new JobDefinition("Jobs.Needy", new IntervalTrigger(Three), runs.Invoker()) { RequiredServices = services };

        var error = Assert.Throws<InvalidOperationException>(() => s.Scheduler.AddJobs([runs.Interval("Jobs.Fine", Three), needy]));

        Assert.Contains("\"Jobs.Needy\" needs IServiceProvider", error.Message, StringComparison.Ordinal);
        Assert.Empty(s.Scheduler.GetJobs());
    }

    [Fact]
    public async Task A_batch_from_a_lazy_sequence_is_read_once()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([]);
        int reads = 0;
        IEnumerable<JobDefinition> Jobs()
        {
            reads++;
            yield return runs.Interval("Jobs.One", Three);
            yield return runs.Interval("Jobs.Two", Three);
        }

        s.Scheduler.AddJobs(Jobs());

        Assert.Equal(1, reads);
        Assert.Equal(2, s.Scheduler.GetJobs().Count);
    }
}
