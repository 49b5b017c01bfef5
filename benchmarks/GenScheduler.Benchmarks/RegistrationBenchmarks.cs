using Microsoft.Extensions.Logging.Abstractions;
using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace GenScheduler.Benchmarks;

/// <summary>
/// Registering N interval jobs: the scheduler's side (constructor + <see cref="Scheduler.Start"/>, on the system
/// clock) for a table built beforehand, and, separately, what building that table costs the user.
/// </summary>
/// <remarks>
/// <c>Register</c> also shuts the scheduler down (no job has fired: the earliest is one second away), so that
/// each operation leaves nothing running; that costs a few hundred nanoseconds in all and no per-job work.
/// Its allocations are the scheduler's per-job overhead: one ScheduledJob, a slot in the job list, an entry in the
/// id dictionary and one heap entry plus its position, including what the growing collections threw away.
/// </remarks>
[Config(typeof(ShortRunConfig))]
public class RegistrationBenchmarks
{
    private JobDefinition[] _jobs = null!;

    [Params(1_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _jobs = JobTables.Plain(N);

    /// <summary>new Scheduler(table) + Start() (+ ShutdownAsync()), for a table of N definitions built beforehand.</summary>
    [Benchmark(Baseline = true), PerJob]
    public Task Register()
    {
        var scheduler = new Scheduler(_jobs, new SchedulerOptions { TimeProvider = TimeProvider.System, Logger = NullLogger.Instance });
        scheduler.Start();
        return scheduler.ShutdownAsync();
    }

    /// <summary>The user's side: N × (id string + IntervalTrigger + JobDefinition), as a generated table has them.</summary>
    [Benchmark, PerJob]
    public JobDefinition[] BuildDefinitions() => JobTables.Plain(N);
}
