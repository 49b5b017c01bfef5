// The job table is generated code with direct calls, so a scheduler publishes as a Native AOT binary with no
// trimming or AOT warnings — with the SQLite job store too.
//
//   dotnet publish samples/NativeAot -c Release -o out/aot
//   ./out/aot/GenScheduler.Samples.NativeAot 3               # in memory, for 3 seconds
//   ./out/aot/GenScheduler.Samples.NativeAot 3 jobs.db       # with a job store: run it twice
//
// The first argument is how many seconds to run (without it, until Ctrl+C). The second is a SQLite file: the first run
// adds a job by target, which the file keeps; the second run finds it there, with its next run time, and runs it.
using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using GenScheduler;
using GenScheduler.Samples.NativeAot; // the generated ScheduledJobs is in the project's root namespace

using var stop = args.Length > 0
    ? new CancellationTokenSource(TimeSpan.FromSeconds(double.Parse(args[0], CultureInfo.InvariantCulture)))
    : new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var store = args.Length > 1 ? new SqliteJobStore(args[1]) : null;
await using var scheduler = new Scheduler(ScheduledJobs.All, new SchedulerOptions { Store = store });
scheduler.Start();
if (store is not null)
{
    if (scheduler.TryGetJob("report-every-second", out var kept))
    {
        Console.WriteLine($"from the store: {kept}");
    }
    else
    {
        scheduler.AddJob("report-every-second", target: "report", new IntervalTrigger(TimeSpan.FromSeconds(1)));
        Console.WriteLine("added report-every-second; the store keeps it for the next run");
    }
}

foreach (var job in scheduler.GetJobs())
{
    Console.WriteLine($"scheduled: {job}");
}

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

await scheduler.ShutdownAsync();
Console.WriteLine($"stopped after {Heartbeat.Count} heartbeats");

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

internal static class Heartbeat
{
    private static int s_count;

    public static int Count => Volatile.Read(ref s_count);

    [Interval(Seconds = 1)]
    public static void Beat() => Console.WriteLine($"heartbeat {Interlocked.Increment(ref s_count)} at {DateTime.UtcNow:O}");

    [Cron("*/2 * * * * *")]
    public static void EverySecondSecond(JobContext context) => Console.WriteLine($"cron tick due {context.ScheduledTime:O}");
}

internal static class Reports
{
    /// <summary>A target without a schedule: the run-time job above runs it, and the store keeps that job by this name.</summary>
    [Job(Name = "report")]
    public static void Report(JobContext context) => Console.WriteLine($"report ran for {context.JobId} due {context.ScheduledTime:O}");
}
