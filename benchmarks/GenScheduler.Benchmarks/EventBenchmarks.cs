using Microsoft.Extensions.Logging.Abstractions;
using System;
using BenchmarkDotNet.Attributes;

namespace GenScheduler.Benchmarks;

/// <summary>
/// What listening to <see cref="Scheduler.EventRaised"/> costs per fire: the <see cref="PerFireBenchmarks"/> pipeline
/// at 100 k jobs, with no listener and with one that does nothing. Each fire raises JobSubmitted and JobExecuted,
/// so a listener costs two event objects per fire; without one, nothing is made.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class EventBenchmarks
{
    private const int FiresPerInvoke = 500;
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);

    private ManualClock _clock = null!;
    private Scheduler _scheduler = null!;
    private long _nextWake;

    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _clock = new ManualClock(JobTables.T0);
        var jobs = JobTables.Spread(100_000, 1, Step, JobTables.CountingInvoker, JobOrder.Shuffled);
        _scheduler = new Scheduler(jobs, new SchedulerOptions { TimeProvider = _clock, Logger = NullLogger.Instance });
        if (Listening)
        {
            _scheduler.EventRaised += static (_, _) => { };
        }

        _scheduler.Start();
        _nextWake = (JobTables.T0 + Step).UtcTicks;
    }

    [GlobalCleanup]
    public void Cleanup() => _scheduler.ShutdownAsync().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = FiresPerInvoke)]
    public void Fire() => PerFireBenchmarks.FireAndWait(_clock, _scheduler, ref _nextWake, Step, FiresPerInvoke, firesPerWake: 1);
}
