using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace GenScheduler.Tests;

/// <summary>
/// Quick runs are made on the scheduler's own thread, as a hand-written timer loop makes them; slow ones on the pool;
/// and a run that holds the scheduler's thread does not hold the schedule. Real threads are held here: the tests run
/// alone, with the others that block threads.
/// </summary>
[Collection(nameof(PoolBlocking))]
public class InlineRunTests
{
    private const string FiringThread = "GenScheduler firing loop";
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    // Whether a run is quick is real time: a limit far above what a test job takes (a first run compiles its code,
    // a loaded machine preempts) keeps the tests about placement, not about this machine's speed.
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_quick_job_runs_on_the_pool_once_then_on_the_schedulers_thread()
    {
        var places = new ConcurrentQueue<string>();
        await using var s = new FakeClockScheduler([new RunRecorder().Interval("Jobs.Quick", Three, body: _ => places.Enqueue(Place()))], inlineRunLimit: Limit);
        s.Scheduler.Start();

        for (int i = 0; i < 3; i++)
        {
            await s.AdvanceAsync(Three);
        }

        Assert.Equal(["pool", FiringThread, FiringThread], places);
    }

    [Fact]
    public async Task A_job_slower_than_the_limit_stays_on_the_pool_and_two_slow_runs_in_a_row_inline_send_a_job_back_to_it()
    {
        // Given a job that is slow on its first, fourth, sixth and seventh runs: more work than the limit, and less than
        // twice the limit, after which a run holds the scheduler's thread
        var places = new ConcurrentQueue<string>();
        int run = 0;
        await using var s = new FakeClockScheduler([new RunRecorder().Interval("Jobs.Sometimes", Three, body: _ =>
        {
            places.Enqueue(Place());
            if (++run is 1 or 4 or 6 or 7)
            {
                Work(Limit * 1.5);
            }
        })], inlineRunLimit: Limit);
        s.Scheduler.Start();

        for (int i = 0; i < 9; i++)
        {
            await s.AdvanceAsync(Three);
        }

        // Then a slow run on the pool keeps it there; one slow run inline, followed by a quick one, leaves it on the
        // scheduler's thread; two in a row send it back to be timed again
        Assert.Equal(["pool", "pool", FiringThread, FiringThread, FiringThread, FiringThread, FiringThread, "pool", FiringThread], places);
    }

    [Fact]
    public async Task A_run_that_holds_the_schedulers_thread_holds_neither_the_jobs_due_with_it_nor_the_schedule()
    {
        // Given a quick job that, on its second run, blocks until the test lets it go, and four jobs due with it
        using var release = new ManualResetEventSlim(false);
        using var othersRan = new SemaphoreSlim(0);
        using var held = new SemaphoreSlim(0);
        var places = new ConcurrentQueue<(string Job, string Place)>();
        int holds = 0;
        var recorder = new RunRecorder();
        var jobs = Enumerable.Range(0, 4)
            .Select(i => recorder.Interval($"Jobs.Other{i}", Three, body: c =>
            {
                places.Enqueue((c.JobId, Place()));
                othersRan.Release();
            }))
            .Prepend(recorder.Interval("Jobs.Holds", Three, body: c =>
            {
                places.Enqueue((c.JobId, Place()));
                if (Interlocked.Increment(ref holds) == 2)
                {
                    held.Release();
                    release.Wait(TimeSpan.FromSeconds(30));
                }
            }));
        await using var s = new FakeClockScheduler(jobs, inlineRunLimit: Limit);
        s.Scheduler.Start();
        await s.AdvanceAsync(Three);

        try
        {
            // When it holds the scheduler's thread
            s.Time.Advance(Three);
            await held.WaitSafely();

            // Then the others due with it run all the same, once a new thread has taken over the schedule
            await Runs(othersRan, 4 + 4);

            // And so do the fires after it
            await s.AdvanceLoopAsync(Three);
            await Runs(othersRan, 4);
        }
        finally
        {
            release.Set();
        }

        await s.Settle();
        Assert.Contains(s.Log.Warnings, w => w.StartsWith("Job \"Jobs.Holds", StringComparison.Ordinal)
            && w.EndsWith("held the scheduler's thread for more than 0:00:00.100000; its runs go to the thread pool from now on, and a new thread carries on with the schedule", StringComparison.Ordinal));

        // And the job that held it runs on the pool from then on (its fire while held was skipped: one instance at a time)
        await s.AdvanceAsync(Three);
        Assert.Equal(["pool", FiringThread, "pool"], places.Where(p => p.Job == "Jobs.Holds").Select(p => p.Place));
        Assert.Equal(FiringThread, places.Last(p => p.Job == "Jobs.Other0").Place);
    }

    [Fact]
    public async Task The_runs_of_a_batch_are_done_with_once_it_is_over_also_when_a_later_run_held_the_thread()
    {
        // Given three quick jobs, then one that holds the scheduler's thread on its second run, then one more
        using var release = new ManualResetEventSlim(false);
        using var held = new SemaphoreSlim(0);
        using var afterRan = new SemaphoreSlim(0);
        int holds = 0;
        var recorder = new RunRecorder();
        var jobs = Enumerable.Range(0, 3)
            .Select(i => recorder.Interval($"Jobs.Quick{i}", Three))
            .Append(recorder.Interval("Jobs.Holds", Three, body: _ =>
            {
                if (Interlocked.Increment(ref holds) == 2)
                {
                    held.Release();
                    release.Wait(TimeSpan.FromSeconds(30));
                }
            }))
            .Append(recorder.Interval("Jobs.After", Three, body: _ => afterRan.Release()));
        await using var s = new FakeClockScheduler(jobs, inlineRunLimit: Limit);
        s.Scheduler.Start();
        await s.AdvanceAsync(Three);
        await Runs(afterRan, 1);
        Assert.Equal(0, s.Scheduler.RunsInFlight);

        // When the quick ones have run inline before it, and it holds the thread until a new one has taken over (the
        // job after it then runs, handed to the pool)
        s.Time.Advance(Three);
        await held.WaitSafely();
        await Runs(afterRan, 1);
        Assert.True(s.Scheduler.RunsInFlight >= 1);
        release.Set();
        await s.Settle();

        // Then no run is left counted in flight once it returns (the settling waits for that), and the next batch is
        // made and done with as well
        Assert.Equal(0, s.Scheduler.RunsInFlight);
        await s.AdvanceAsync(Three);
        await Runs(afterRan, 1);
        Assert.Equal(0, s.Scheduler.RunsInFlight);
        Assert.Equal(3 * 3, recorder.Runs.Count(r => r.JobId.StartsWith("Jobs.Quick", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_async_job_makes_its_synchronous_part_on_the_schedulers_thread_and_does_not_hold_it_while_it_awaits()
    {
        // Given an async job whose second run awaits something the test completes, and a quick job due a second after
        var pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new ConcurrentQueue<string>();
        var recorder = new RunRecorder();
        int run = 0;
        await using var s = new FakeClockScheduler(
        [
            new JobDefinition("Jobs.Awaits", new IntervalTrigger(Three), async _ =>
            {
                started.Enqueue(Place());
                if (++run == 2)
                {
                    await pending.Task;
                }
            }),
            recorder.Interval("Jobs.Quick", Three, body: null),
        ], inlineRunLimit: Limit);
        s.Scheduler.Start();
        await s.AdvanceAsync(Three);

        // When its second run awaits
        await s.AdvanceLoopAsync(Three);
        await s.AdvanceLoopAsync(Three);

        // Then it started on the scheduler's thread, which went on firing (its own next fire was skipped: one instance at a time)
        Assert.Equal(["pool", FiringThread], started);
        Assert.Equal(3, recorder.Runs.Count);

        // And, its synchronous part being quick, it stays there
        pending.SetResult();
        await s.Settle();
        await s.AdvanceAsync(Three);
        Assert.Equal(["pool", FiringThread, FiringThread], started);
        Assert.DoesNotContain(s.Log.Warnings, w => w.Contains("held the scheduler's thread", StringComparison.Ordinal));
    }

    [Fact]
    public async Task What_a_run_leaves_on_the_thread_is_not_seen_by_the_next_run_there()
    {
        // Given two jobs due together: the first sets an async local and a synchronization context and leaves them set
        var local = new AsyncLocal<string>();
        var seen = new ConcurrentQueue<(string? Local, bool Context, string Place)>();
        await using var s = new FakeClockScheduler(
        [
            new JobDefinition("Jobs.A.Sets", new IntervalTrigger(Three), _ =>
            {
                local.Value = "left behind";
                SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
                return default;
            }),
            new JobDefinition("Jobs.B.Reads", new IntervalTrigger(Three), _ =>
            {
                seen.Enqueue((local.Value, SynchronizationContext.Current is not null, Place()));
                return default;
            }),
        ], inlineRunLimit: Limit);
        s.Scheduler.Start();

        // When they run on the pool, then on the scheduler's thread
        for (int i = 0; i < 3; i++)
        {
            await s.AdvanceAsync(Three);
        }

        // Then neither place lets the second see what the first left
        Assert.Equal([(null, false, "pool"), (null, false, FiringThread), (null, false, FiringThread)], seen);
    }

    [Theory]
    [InlineData("no limit")]
    [InlineData("a concurrency limit")]
    [InlineData("the dedicated executor")]
    public async Task Every_run_goes_to_the_pool_with_a_zero_limit_and_to_its_executor_with_a_concurrency_limit_or_dedicated_threads(string setting)
    {
        var places = new ConcurrentQueue<string>();
        var time = new FakeTimeProvider(FakeClockScheduler.T0);
        var options = setting == "the dedicated executor" ? new JobOptions { Executor = JobExecutor.DedicatedThread } : null;
        await using var scheduler = new Scheduler([new RunRecorder().Interval("Jobs.Quick", Three, options, _ => places.Enqueue(Place()))], new SchedulerOptions
        {
            TimeProvider = time,
            InlineRunLimit = setting == "no limit" ? TimeSpan.Zero : new SchedulerOptions().InlineRunLimit,
            MaxConcurrency = setting == "a concurrency limit" ? 4 : null,
        });
        scheduler.Start();

        for (int i = 0; i < 3; i++)
        {
            time.Advance(Three);
            await scheduler.WhenIdleAsync().Safely();
        }

        Assert.Equal(Enumerable.Repeat(setting == "the dedicated executor" ? "GenScheduler blocking jobs" : "pool", 3), places);
        await scheduler.ShutdownAsync(wait: false);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public void An_inline_run_limit_out_of_range_is_refused_naming_the_rule(int milliseconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Scheduler([], new SchedulerOptions { InlineRunLimit = TimeSpan.FromMilliseconds(milliseconds) }));

        Assert.Contains("SchedulerOptions.InlineRunLimit is", error.Message, StringComparison.Ordinal);
        Assert.Contains("it must be between zero (no runs on the scheduler's thread) and one second", error.Message, StringComparison.Ordinal);
    }

    private static async Task Runs(SemaphoreSlim ran, int count)
    {
        for (int i = 0; i < count; i++)
        {
            await ran.WaitSafely();
        }
    }

    private static string Place() =>
        Thread.CurrentThread.IsThreadPoolThread ? "pool" : Thread.CurrentThread.Name ?? "unnamed thread";

    /// <summary>Busy for <paramref name="time"/>: a job's own slow work (the test waits on nothing).</summary>
    private static void Work(TimeSpan time)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < time)
        {
            Thread.SpinWait(100);
        }
    }
}
