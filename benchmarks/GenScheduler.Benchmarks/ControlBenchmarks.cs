using Microsoft.Extensions.Logging.Abstractions;
using System;
using BenchmarkDotNet.Attributes;

namespace GenScheduler.Benchmarks;

/// <summary>
/// Changing one job among N while the scheduler runs: rescheduling it, and removing it and adding it back. Both move
/// one entry of the <see cref="TimerQueue"/>, so they should grow with log N, not N (1 k, 100 k, 1 M).
/// </summary>
/// <remarks>Reschedule makes a new <see cref="JobDefinition"/> (definitions are immutable), which is its allocation.</remarks>
[Config(typeof(ShortRunConfig))]
public class ControlBenchmarks
{
    private static readonly IntervalTrigger Hourly = new(TimeSpan.FromHours(1));

    private Scheduler _scheduler = null!;
    private JobDefinition[] _jobs = null!;
    private int[] _order = null!;
    private int _next;

    [Params(1_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _jobs = JobTables.Plain(N);
        _order = JobTables.Permutation(N, seed: 7);
        _scheduler = new Scheduler(_jobs, new SchedulerOptions { TimeProvider = new ManualClock(JobTables.T0), Logger = NullLogger.Instance });
        _scheduler.Start();
    }

    [GlobalCleanup]
    public void Cleanup() => _scheduler.ShutdownAsync().GetAwaiter().GetResult();

    [Benchmark]
    public void Reschedule() => _scheduler.RescheduleJob(NextJob().Id, Hourly);

    [Benchmark]
    public void RemoveAndAddBack()
    {
        var job = NextJob();
        _scheduler.RemoveJob(job.Id);
        _scheduler.AddJob(job);
    }

    private JobDefinition NextJob() => _jobs[_order[_next++ % _order.Length]];
}
