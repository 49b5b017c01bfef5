// APScheduler's BackgroundScheduler seed: `tick` every 3 seconds on the scheduler's threads while the main
// thread keeps doing its own work.
//
//   dotnet run --project samples/Background
using System;
using System.Runtime.InteropServices;
using System.Threading;
using GenScheduler;
using GenScheduler.Samples.Background; // the generated ScheduledJobs is in the project's root namespace
using Microsoft.Extensions.Logging;

// Ctrl+C and SIGTERM end the loop below instead of killing the process, so the scheduler shuts down cleanly.
using var stop = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

using var logging = LoggerFactory.Create(builder => builder.AddSimpleConsole(o => o.SingleLine = true));
await using var scheduler = new Scheduler(ScheduledJobs.All, new SchedulerOptions { Logger = logging.CreateLogger("GenScheduler") });
scheduler.Start(); // returns at once; jobs run in the background

Console.WriteLine("Press Ctrl+C to exit");
int beats = 0;
while (!stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(2)))
{
    // The main thread is free: this stands for whatever the application really does.
    beats++;
    Console.WriteLine($"main thread: still working ({beats})");
}

await scheduler.ShutdownAsync(wait: true);
Console.WriteLine("Scheduler stopped.");

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

internal static class Jobs
{
    [Interval(Seconds = 3)]
    public static void Tick() => Console.WriteLine($"Tick! The time is: {DateTime.Now}");
}
