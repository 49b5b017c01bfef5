using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

/// <summary>
/// The tests here block pool threads on purpose, and one counts on the pool adding threads: they run alone, so that
/// other tests blocking pool threads at the same time cannot starve the pool past a test's bound.
/// </summary>
[CollectionDefinition(nameof(PoolBlocking), DisableParallelization = true)]
public sealed class PoolBlocking
{
}

/// <summary>Where runs execute: the thread pool by default, the scheduler's own threads for jobs marked as blocking.</summary>
[Collection(nameof(PoolBlocking))]
public class ExecutorTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_job_on_the_dedicated_executor_runs_on_the_schedulers_own_threads()
    {
        var threads = new ConcurrentQueue<(string Job, string? Name, bool Pool)>();
        void Record(JobContext c) => threads.Enqueue((c.JobId, Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler(
        [
            runs.Interval("Jobs.Blocking", Three, new JobOptions { Executor = JobExecutor.DedicatedThread }, Record),
            runs.Interval("Jobs.Pooled", Three, body: Record),
        ]);
        s.Scheduler.Start();

        await s.AdvanceAsync(Three);

        Assert.Equal(("GenScheduler blocking jobs", false), threads.Where(t => t.Job == "Jobs.Blocking").Select(t => (t.Name, t.Pool)).Single());
        Assert.True(threads.Single(t => t.Job == "Jobs.Pooled").Pool);
    }

    [Fact]
    public async Task When_every_dedicated_thread_is_busy_runs_wait_in_line_and_are_judged_when_they_start()
    {
        // Given one dedicated thread held by A, and B due at the same time with 1 s of grace
        var gate = new RunGate();
        var runs = new RunRecorder();
        var dedicated = new JobOptions { Executor = JobExecutor.DedicatedThread };
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FakeClockScheduler.T0);
        var log = new TestLogger();
        await using var scheduler = new Scheduler(
        [
            runs.Interval("A.Holds", Three, dedicated, gate.Hold),
            runs.Interval("B.Waits", Three, dedicated),
        ], new SchedulerOptions { TimeProvider = time, Logger = log, DedicatedThreads = 1 });
        scheduler.Start();
        time.Advance(Three);
        await gate.Started();

        // When A takes 2 s
        time.Advance(TimeSpan.FromSeconds(2));
        await scheduler.WhenFiringLoopIdleAsync().Safely();
        gate.Release();
        await scheduler.WhenIdleAsync().Safely();

        // Then B waited for the thread and started 2 s late: missed
        Assert.Equal(["A.Holds"], runs.Runs.Select(r => r.JobId));
        Assert.Contains(log.Warnings, w => w.StartsWith("Run time of job \"B.Waits", StringComparison.Ordinal) && w.EndsWith("was missed by 0:00:02", StringComparison.Ordinal));
        await scheduler.ShutdownAsync(wait: false);
    }

    [Fact]
    public async Task Pool_jobs_that_block_more_threads_than_there_are_cores_do_not_hold_up_the_runs_due_with_them()
    {
        // Runs for the pool wait in the scheduler's own line, drained by a few pool work items. The rule under test:
        // while runs wait, a drainer is queued, so blocked drainers make the pool add threads, as one item per run would.
        int blockers = Environment.ProcessorCount + 2;
        using var release = new ManualResetEventSlim(false);
        using var quickRan = new ManualResetEventSlim(false);
        var jobs = Enumerable.Range(0, blockers)
            .Select(i => new JobDefinition($"Jobs.Blocks{i:00}", new IntervalTrigger(Three), _ =>
            {
                release.Wait(TimeSpan.FromSeconds(30));
                return default;
            }))
            .Append(new JobDefinition("Jobs.Quick", new IntervalTrigger(Three), _ =>
            {
                quickRan.Set();
                return default;
            }))
            .ToList();
        await using var s = new FakeClockScheduler(jobs);
        s.Scheduler.Start();

        try
        {
            await s.AdvanceLoopAsync(Three);

            // Behind every blocked run in the line, the quick one still starts (bounded: the pool adds a thread about every half second).
            Assert.True(quickRan.Wait(TimeSpan.FromSeconds(30)), "the run due with the blocking ones never started");
        }
        finally
        {
            release.Set();
        }

        await s.Settle();
    }

    [Fact]
    public void An_executor_that_is_not_one_is_refused_naming_the_job()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new JobDefinition("Jobs.Odd", new IntervalTrigger(Three), _ => default, new JobOptions { Executor = (JobExecutor)7 }));

        Assert.Contains("Job \"Jobs.Odd\": Executor is 7, which is not a JobExecutor", error.Message, StringComparison.Ordinal);
    }
}
