using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

/// <summary>
/// Runs whose job returns before it is done: the run continues where the job completes, ends as a synchronous run
/// would, and goes on with its backlog from there. The jobs here use pooled ValueTasks, whose source is reused once
/// its result is read, so a run that read a result twice, or not at all, would show.
/// </summary>
public class AsyncRunTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);
    private static readonly JobOptions Backlog = new() { Coalesce = false, MisfireGraceTime = null };

    private static readonly AsyncLocal<string?> Ambient = new();

    [Fact]
    public async Task An_async_job_that_throws_after_awaiting_is_reported_failed_and_keeps_its_schedule()
    {
        await using var s = new FakeClockScheduler([new JobDefinition("Jobs.AsyncBoom", new IntervalTrigger(Three), ThrowsAfterAwaitAsync)]);
        s.Scheduler.Start();

        await s.AdvanceAsync(Three);
        await s.AdvanceAsync(Three);

        Assert.Equal([s.At(3), s.At(6)], s.EventsOf(SchedulerEventKind.JobError).Select(e => e.ScheduledTime));
        Assert.All(s.EventsOf(SchedulerEventKind.JobError), e => Assert.Equal("after the await", e.Exception?.Message));
        Assert.Equal(2, s.Log.Errors.Count(e => e.StartsWith("Job \"Jobs.AsyncBoom", StringComparison.Ordinal)));
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobExecuted));
        Assert.Equal(s.At(9), s.Scheduler.GetJob("Jobs.AsyncBoom").NextRunTime);
    }

    [Fact]
    public async Task A_backlog_of_an_async_job_runs_one_run_after_another_each_ending_before_the_next_begins()
    {
        // Given an async job that does not coalesce, and notes how many of its runs are on at once
        var running = 0;
        var overlaps = 0;
        var scheduled = new ConcurrentQueue<DateTimeOffset>();

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
        async ValueTask RunAsync(JobContext context)
        {
            if (Interlocked.Increment(ref running) != 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            await Task.Yield();
            scheduled.Enqueue(context.ScheduledTime);
            await Task.Yield();
            Interlocked.Decrement(ref running);
        }

        await using var s = new FakeClockScheduler([new JobDefinition("Jobs.Async", new IntervalTrigger(Three), RunAsync, Backlog)]);
        s.Scheduler.Start();

        // When four of its runs are due at once, and later one more
        await s.AdvanceAsync(TimeSpan.FromSeconds(12));
        await s.AdvanceAsync(Three);

        // Then all five ran, in order, none beside another, each executed, and the job is due at 18
        DateTimeOffset?[] expected = [s.At(3), s.At(6), s.At(9), s.At(12), s.At(15)];
        Assert.Equal(expected, scheduled.Select(t => (DateTimeOffset?)t));
        Assert.Equal(0, overlaps);
        Assert.Equal(expected, s.EventsOf(SchedulerEventKind.JobExecuted).Select(e => e.ScheduledTime));
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobMaxInstancesReached));
        Assert.Empty(s.Log.Errors);
        Assert.Equal(s.At(18), s.Scheduler.GetJob("Jobs.Async").NextRunTime);
    }

    [Fact]
    public async Task A_failed_async_run_of_a_backlog_does_not_stop_the_runs_after_it()
    {
        var calls = 0;

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
        async ValueTask RunAsync(JobContext context)
        {
            await Task.Yield();
            if (Interlocked.Increment(ref calls) == 2)
            {
                throw new InvalidOperationException("second run");
            }
        }

        await using var s = new FakeClockScheduler([new JobDefinition("Jobs.Async", new IntervalTrigger(Three), RunAsync, Backlog)]);
        s.Scheduler.Start();

        await s.AdvanceAsync(TimeSpan.FromSeconds(9));

        Assert.Equal(3, calls);
        Assert.Equal([s.At(6)], s.EventsOf(SchedulerEventKind.JobError).Select(e => e.ScheduledTime));
        Assert.Equal([s.At(3), s.At(9)], s.EventsOf(SchedulerEventKind.JobExecuted).Select(e => e.ScheduledTime));
    }

    [Fact]
    public async Task What_an_async_run_sets_in_its_context_is_not_seen_by_the_next_run_of_its_backlog()
    {
        // The next run begins on the thread that completed the job, inside the job's own context: it must not see it.
        var seen = new ConcurrentQueue<string?>();

        async ValueTask RunAsync(JobContext context)
        {
            seen.Enqueue(Ambient.Value);
            await Task.Yield();
            Ambient.Value = $"set by the run at {context.ScheduledTime:HH:mm:ss}";
        }

        await using var s = new FakeClockScheduler([new JobDefinition("Jobs.Async", new IntervalTrigger(Three), RunAsync, Backlog)]);
        s.Scheduler.Start();

        await s.AdvanceAsync(TimeSpan.FromSeconds(9));

        Assert.Equal([null, null, null], seen);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask ThrowsAfterAwaitAsync(JobContext context)
    {
        await Task.Yield();
        throw new InvalidOperationException("after the await");
    }
}
