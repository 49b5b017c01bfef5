// The job table is generated code with direct calls, so a scheduler publishes as a Native AOT binary with no
// trimming or AOT warnings.
//
//   dotnet publish samples/NativeAot -c Release -o out/aot && ./out/aot/GenScheduler.Samples.NativeAot 3
//
// The optional argument is how many seconds to run; without it the app runs until Ctrl+C, which RunAsync answers.
using System;
using System.Globalization;
using System.Threading;
using GenScheduler;
using GenScheduler.Samples.NativeAot; // the generated ScheduledJobs is in the project's root namespace

using var stop = args.Length > 0
    ? new CancellationTokenSource(TimeSpan.FromSeconds(double.Parse(args[0], CultureInfo.InvariantCulture)))
    : new CancellationTokenSource();

await using var scheduler = new Scheduler(ScheduledJobs.All);
foreach (var job in scheduler.GetJobs())
{
    Console.WriteLine($"scheduled: {job}");
}

await scheduler.RunAsync(stop.Token);
Console.WriteLine($"stopped after {Heartbeat.Count} heartbeats");

internal static class Heartbeat
{
    private static int s_count;

    public static int Count => Volatile.Read(ref s_count);

    [Interval(Seconds = 1)]
    public static void Beat() => Console.WriteLine($"heartbeat {Interlocked.Increment(ref s_count)} at {DateTime.UtcNow:O}");

    [Cron("*/2 * * * * *")]
    public static void EverySecondSecond(JobContext context) => Console.WriteLine($"cron tick due {context.ScheduledTime:O}");
}
