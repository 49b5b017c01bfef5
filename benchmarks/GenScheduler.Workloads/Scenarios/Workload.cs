using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Workloads;

/// <summary>
/// One scenario on one peer, in this process (the child side of the runner): registers the jobs, starts, measures,
/// and prints one <c>result</c> line of <c>key=value</c> pairs.
/// </summary>
internal static class Workload
{
    public static async Task<int> Run(Scenario scenario, string peerName)
    {
        var results = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var start = NextWholeSecond(DateTimeOffset.UtcNow.AddSeconds(scenario.Fires ? 2 : 0));
        Func<int, DateTimeOffset> firstDue = i => start + scenario.Offset(i);
        Probe.Prepare(scenario.Fires ? (int)(scenario.Jobs * ((scenario.Seconds + Scenario.WarmUp) / scenario.Interval.TotalSeconds + 2)) : 0, start.AddSeconds(Scenario.WarmUp));

        long before = Retained();
        var peer = PeerFactory.Create(peerName);
        long afterConstruct = Retained();
        var clock = Stopwatch.StartNew();
        long? userBytes = null;
        if (!scenario.Fires && peer is GenSchedulerPeer gs)
        {
            // The user's objects apart, for the bytes the scheduler itself holds; registration is then only AddJob.
            var built = gs.Build(scenario.Jobs, scenario.Interval, firstDue);
            var buildTime = clock.Elapsed;
            userBytes = Retained() - afterConstruct;
            var pauseBefore = GC.GetTotalPauseDuration();
            var collectionsBefore = GC.CollectionCount(0);
            clock.Restart();
            gs.AddBuilt(built);
            results["add_only_s"] = clock.Elapsed.TotalSeconds;
            results["add_gc_pause_ms"] = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds;
            results["add_gcs"] = GC.CollectionCount(0) - collectionsBefore;
            clock = Stopwatch.StartNew();
            results["registration_s"] = buildTime.TotalSeconds + results["add_only_s"];
            GC.KeepAlive(built);
        }
        else
        {
            peer.Add(scenario.Jobs, scenario.Interval, firstDue);
        }

        results.TryAdd("registration_s", clock.Elapsed.TotalSeconds);
        peer.BeforeStart();
        clock.Restart();
        await peer.StartAsync();
        results["start_ms"] = clock.Elapsed.TotalMilliseconds;

        if (scenario.Fires)
        {
            Fire(scenario, start, results);
        }
        else
        {
            long after = Retained();
            results["bytes_per_job"] = (after - before) / (double)scenario.Jobs;
            results["peer_bytes_per_job"] = (after - afterConstruct) / (double)scenario.Jobs;
            if (userBytes is { } user)
            {
                results["held_bytes_per_job"] = (after - afterConstruct - user) / (double)scenario.Jobs;
            }

            var cpu = Environment.CpuUsage.TotalTime;
            Thread.Sleep(TimeSpan.FromSeconds(scenario.Seconds));
            results["idle_cpu_s"] = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        }

        await peer.DisposeAsync();
        GC.KeepAlive(peer);
        Console.WriteLine($"result scenario={scenario.Name} peer={peerName} " +
            string.Join(' ', Pairs(results)));
        return 0;
    }

    private static void Fire(Scenario scenario, DateTimeOffset start, SortedDictionary<string, double> results)
    {
        using var sampler = AllocationSampler.FromEnvironment();
        using var jit = JitLog.FromEnvironment();
        // Counted and timed from half a second before the window's first fire time to half a second before its end: a
        // storm's bursts come on whole seconds, so its window holds ten whole bursts however late this thread wakes.
        var countFrom = start.AddSeconds(Math.Max(0, Scenario.WarmUp - 0.5));
        SleepUntil(countFrom);
        sampler?.Record();
        jit?.Record();
        var cpu = Environment.CpuUsage.TotalTime;
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        long runs = Probe.Runs;
        SleepUntil(countFrom.AddSeconds(scenario.Seconds));
        long fires = Probe.Runs - runs;
        long bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        sampler?.Print();
        jit?.Print();
        double cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        results["fires"] = fires;
        results["expected_fires"] = scenario.Jobs * (scenario.Seconds / scenario.Interval.TotalSeconds);
        results["cpu_s"] = cpuSeconds;
        results["cpu_s_per_1000_fires"] = fires == 0 ? double.NaN : cpuSeconds / fires * 1000;
        results["bytes_per_fire"] = fires == 0 ? double.NaN : bytes / (double)fires;
        if (Probe.Percentiles() is { } p)
        {
            results["lateness_p50_ms"] = p.P50;
            results["lateness_p99_ms"] = p.P99;
        }
    }

    private static IEnumerable<string> Pairs(SortedDictionary<string, double> results)
    {
        foreach (var (key, value) in results)
        {
            yield return key + "=" + value.ToString("G6", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>What survives a full blocking collection: the live heap.</summary>
    private static long Retained()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static DateTimeOffset NextWholeSecond(DateTimeOffset t) =>
        new(t.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond + TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static void SleepUntil(DateTimeOffset t)
    {
        var left = t - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero)
        {
            Thread.Sleep(left);
        }
    }
}
