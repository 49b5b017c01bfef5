using Microsoft.Extensions.Logging.Abstractions;
using System;
using System.Threading;
using BenchmarkDotNet.Attributes;

namespace GenScheduler.Benchmarks;

/// <summary>
/// The cost of one fire with N interval jobs registered: the scheduler's timer callback takes the due job off the
/// <see cref="TimerQueue"/>, computes its next fire time, puts it back, and hands a pooled run to the thread pool,
/// where the run calls an empty synchronous job and returns itself to the pool.
/// </summary>
/// <remarks>
/// <para>One operation is one fire. An invocation advances a <see cref="ManualClock"/> through
/// <see cref="FiresPerInvoke"/> fires (<see cref="FiresPerWake"/> jobs due at each tick of the clock, so
/// FiresPerInvoke / FiresPerWake timer callbacks), then waits until every run has finished. The time is wall-clock
/// time per fire with the dispatch real: the benchmark thread plays the timer thread, the runs execute on thread-pool
/// workers at the same time, so the number is the throughput of the whole pipeline on this machine
/// (scheduler thread, thread-pool queueing, worker wake-ups, the run itself, and the lock the two sides share),
/// plus the amortised wait for the last run of each invocation.</para>
/// <para>The job's only work is an interlocked increment of a counter. At the end of an invocation the benchmark
/// thread spins until the counter shows every run made and the scheduler's in-flight count is back to zero, so each
/// invocation starts with no run pending.</para>
/// </remarks>
[Config(typeof(ShortRunConfig))]
public class PerFireBenchmarks
{
    public const int FiresPerInvoke = 500;
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);

    private ManualClock _clock = null!;
    private Scheduler _scheduler = null!;
    private long _nextWake;

    [Params(1_000, 100_000, 1_000_000)]
    public int N { get; set; }

    /// <summary>How many jobs share each due instant, i.e. are fired by one timer callback.</summary>
    [Params(1, 100)]
    public int FiresPerWake { get; set; }

    /// <summary>Whether jobs come due in a random order (realistic for a large table) or in the order they sit in memory (best case).</summary>
    [Params(JobOrder.Shuffled, JobOrder.TableOrder)]
    public JobOrder Order { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _clock = new ManualClock(JobTables.T0);
        var jobs = JobTables.Spread(N, FiresPerWake, Step, JobTables.CountingInvoker, Order);
        _scheduler = new Scheduler(jobs, new SchedulerOptions { TimeProvider = _clock, Logger = NullLogger.Instance });
        _scheduler.Start();
        _nextWake = (JobTables.T0 + Step).UtcTicks;
    }

    [GlobalCleanup]
    public void Cleanup() => _scheduler.ShutdownAsync().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = FiresPerInvoke)]
    public void Fire() => FireAndWait(_clock, _scheduler, ref _nextWake, Step, FiresPerInvoke, FiresPerWake);

    /// <summary>Advances the clock through <paramref name="fires"/> fires of counting jobs, then spins until every run has finished.</summary>
    internal static void FireAndWait(ManualClock clock, Scheduler scheduler, ref long nextWake, TimeSpan step, int fires, int firesPerWake)
    {
        long target = JobTables.Runs + fires;
        int wakes = fires / firesPerWake;
        for (int i = 0; i < wakes; i++)
        {
            clock.SetWithoutTimers(nextWake);
            scheduler.FireDueNow();
            nextWake += step.Ticks;
        }

        var spinner = default(SpinWait);
        while (JobTables.Runs < target || scheduler.RunsInFlight != 0)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
