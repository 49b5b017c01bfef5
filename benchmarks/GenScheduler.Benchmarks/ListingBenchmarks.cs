using Microsoft.Extensions.Logging.Abstractions;
using BenchmarkDotNet.Attributes;

namespace GenScheduler.Benchmarks;

/// <summary>Listing every job as APScheduler's <c>print_jobs()</c> does, at 100 k jobs.</summary>
[Config(typeof(ShortRunConfig))]
public class ListingBenchmarks
{
    private Scheduler _scheduler = null!;

    [Params(100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scheduler = new Scheduler(JobTables.Plain(N), new SchedulerOptions { TimeProvider = new ManualClock(JobTables.T0), Logger = NullLogger.Instance });
        _scheduler.Start();
    }

    [GlobalCleanup]
    public void Cleanup() => _scheduler.ShutdownAsync().GetAwaiter().GetResult();

    [Benchmark]
    public int PrintJobs() => _scheduler.Describe().Length;
}
