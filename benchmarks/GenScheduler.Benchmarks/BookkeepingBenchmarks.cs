using Microsoft.Extensions.Logging.Abstractions;
using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace GenScheduler.Benchmarks;

/// <summary>
/// The scheduler thread's share of a fire, without the dispatch: with N interval jobs registered, take the due job
/// off the heap, compute its next fire time, put it back, and decide not to run it.
/// </summary>
/// <remarks>
/// No seam is needed to switch the dispatch off: every job's first run never completes (its invoker returns a
/// ValueTask that never finishes; no thread is held), so with the default MaxInstances = 1 every later fire stops at
/// the max-instances check, which logs nothing (no logger) and raises nothing (no listener). The setup fires each job
/// once to get there. One operation is one fire; <see cref="PerFireBenchmarks"/> minus this is, roughly, the cost of
/// handing the run to the thread pool and running it.
/// </remarks>
[Config(typeof(ShortRunConfig))]
public class BookkeepingBenchmarks
{
    public const int FiresPerInvoke = 500;
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);
    private static readonly TaskCompletionSource Never = new();

    private ManualClock _clock = null!;
    private Scheduler _scheduler = null!;
    private long _nextWake;

    [Params(1_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [Params(JobOrder.Shuffled, JobOrder.TableOrder)]
    public JobOrder Order { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _clock = new ManualClock(JobTables.T0);
        var jobs = JobTables.Spread(N, 1, Step, static _ => new ValueTask(Never.Task), Order);
        _scheduler = new Scheduler(jobs, new SchedulerOptions { TimeProvider = _clock, Logger = NullLogger.Instance });
        _scheduler.Start();
        _nextWake = (JobTables.T0 + Step).UtcTicks;

        // One full cycle: every job starts the run that never ends.
        for (int i = 0; i < N; i++)
        {
            _clock.SetWithoutTimers(_nextWake);
            _scheduler.FireDueNow();
            _nextWake += Step.Ticks;
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _scheduler.ShutdownAsync(wait: false).GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = FiresPerInvoke)]
    public void FireWithoutDispatch()
    {
        for (int i = 0; i < FiresPerInvoke; i++)
        {
            _clock.SetWithoutTimers(_nextWake);
            _scheduler.FireDueNow();
            _nextWake += Step.Ticks;
        }
    }
}
