// APScheduler's AsyncIOScheduler seed: an async job every 3 seconds inside the application's own async flow.
// The job awaits without holding a thread; the scheduler adds no loop of its own.
//
//   dotnet run --project samples/AsyncApp
using System;
using System.Threading;
using System.Threading.Tasks;
using GenScheduler;
using GenScheduler.Samples.AsyncApp; // the generated ScheduledJobs is in the project's root namespace
using Microsoft.Extensions.Logging;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

using var logging = LoggerFactory.Create(builder => builder.AddSimpleConsole(o => o.SingleLine = true));
await using var scheduler = new Scheduler(ScheduledJobs.All, new SchedulerOptions { Logger = logging.CreateLogger("GenScheduler") });
scheduler.Start();

Console.WriteLine("Press Ctrl+C to exit");
try
{
    // The app's own async work goes on here; the scheduler lives alongside it.
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

await scheduler.ShutdownAsync();
Console.WriteLine("Scheduler stopped.");

internal static class Jobs
{
    [Interval(Seconds = 3)]
    public static async Task Tick(JobContext context)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(100), context.CancellationToken); // stands for real async I/O
        Console.WriteLine($"Tick! The time is: {DateTime.Now} (due {context.ScheduledTime.ToLocalTime():T}, started {context.Lateness.TotalMilliseconds:0} ms late)");
    }
}
