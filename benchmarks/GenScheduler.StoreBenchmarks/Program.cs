// Store throughput with whole schedulers: N interval jobs of 1 s, all on one grid, so N occurrences fall due every
// second; run for a while on a store with 1 or 3 schedulers ("nodes", each its own connection), and count what ran.
//
//   dotnet run -c Release --project benchmarks/GenScheduler.StoreBenchmarks -- <memory|sqlite|postgresql> <nodes> <jobs> <seconds> [connection string]
//
// Prints one line: occurrences run per second across the nodes, doubles (must be 0), round trips and commits per
// occurrence (claim and completion batches), and the memory store's rate for the same jobs as the baseline ratio.
using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenScheduler;
using GenScheduler.StoreBenchmarks;
using Microsoft.Extensions.Logging.Abstractions;

string kind = args[0];
int nodes = int.Parse(args[1], CultureInfo.InvariantCulture);
int jobs = int.Parse(args[2], CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(double.Parse(args[3], CultureInfo.InvariantCulture));
string? where = args.Length > 4 ? args[4] : null;

var result = await Measure(kind, nodes, jobs, duration, where);
var baseline = await Measure("memory", 1, jobs, duration, null);
Console.WriteLine(
    $"{kind}, {nodes} node(s), {jobs} jobs every 1 s, {duration.TotalSeconds:0} s: {result.PerSecond:0} occurrences/s " +
    $"(memory store, same jobs: {baseline.PerSecond:0}/s, ratio {result.PerSecond / baseline.PerSecond:0.00}); doubled {result.Doubled}; " +
    $"round trips per occurrence: claims {result.ClaimTrips:0.0000}, completions {result.CompleteTrips:0.0000}; " +
    $"claims lost to other nodes {result.LostShare:P0}");
return result.Doubled == 0 ? 0 : 1;

static async Task<Result> Measure(string kind, int nodes, int jobs, TimeSpan duration, string? where)
{
    string? file = kind == "sqlite" ? Path.Combine(Directory.CreateTempSubdirectory("gs-bench-").FullName, "jobs.db") : null;
    var runs = new ConcurrentDictionary<(int Job, long Ticks), int>();
    var start = DateTimeOffset.UtcNow.AddSeconds(2);
    start = new DateTimeOffset(start.UtcTicks - (start.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    var table = Enumerable.Range(0, jobs).Select(i => new JobDefinition(
        $"Bench.Job{i:D6}",
        new IntervalTrigger(TimeSpan.FromSeconds(1), start),
        context =>
        {
            runs.AddOrUpdate((i, context.ScheduledTime.UtcTicks), 1, static (_, n) => n + 1);
            return default;
        },
        new JobOptions { MisfireGraceTime = null, Coalesce = false })).ToArray();

    var stores = Enumerable.Range(0, nodes).Select(_ => kind switch
    {
        "memory" => null,
        "sqlite" => new CountingStore(new SqliteJobStore(file!)),
        "postgresql" => new CountingStore(new PostgreSqlJobStore(where ?? throw new ArgumentException("postgresql needs a connection string"))),
        _ => throw new ArgumentException($"unknown store {kind}"),
    }).ToArray();
    var schedulers = stores.Select((store, n) => new Scheduler(table, new SchedulerOptions
    {
        Store = store,
        NodeId = $"bench{n}",
        Logger = NullLogger.Instance,
    })).ToArray();
    foreach (var scheduler in schedulers)
    {
        scheduler.Start();
    }

    // Counted from the first due second to the end; the runs of the last second may still be in flight.
    var until = start + duration;
    await Task.Delay(until - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(900));
    await Task.WhenAll(schedulers.Select(s => s.ShutdownAsync()));
    long counted = runs.Count(r => r.Key.Ticks < until.UtcTicks);
    long doubled = runs.Count(r => r.Value > 1);
    long occurrences = Math.Max(1, runs.Count);
    return new Result(
        counted / duration.TotalSeconds,
        doubled,
        stores.Sum(s => s?.ClaimCalls ?? 0) / (double)occurrences,
        stores.Sum(s => s?.CompleteCalls ?? 0) / (double)occurrences,
        stores.Sum(s => s?.Claims ?? 0) is var claims and > 0 ? 1 - (stores.Sum(s => s!.Won) / (double)claims) : 0);
}

internal readonly record struct Result(double PerSecond, long Doubled, double ClaimTrips, double CompleteTrips, double LostShare);
