// APScheduler's BlockingScheduler seed: a keep-warm job every 10 seconds, and the scheduler owns the main thread.
//
//   dotnet run --project samples/Blocking                        prints what it would request
//   dotnet run --project samples/Blocking -- https://example.org  requests that URL every 10 s
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GenScheduler;
using GenScheduler.Samples.Blocking; // the generated ScheduledJobs is in the project's root namespace
using Microsoft.Extensions.Logging;

KeepWarm.Target = args.Length > 0 ? new Uri(args[0]) : null;

using var logging = LoggerFactory.Create(builder => builder.AddSimpleConsole(o => o.SingleLine = true));
await using var scheduler = new Scheduler(ScheduledJobs.All, new SchedulerOptions { Logger = logging.CreateLogger("GenScheduler") });

Console.WriteLine("Press Ctrl+C to exit");
// Blocks, like BlockingScheduler.start(). Ctrl+C (or SIGTERM) stops it and waits for a ping in flight; a second
// Ctrl+C cancels the ping and returns at once.
await scheduler.RunAsync();
Console.WriteLine("Scheduler stopped.");

internal static class KeepWarm
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(8) };

    public static Uri? Target { get; set; }

    [Interval(Seconds = 10)]
    public static async Task Ping(CancellationToken cancellationToken)
    {
        if (Target is null)
        {
            Console.WriteLine($"{DateTime.Now:T} would request the keep-warm URL (pass one on the command line)");
            return;
        }

        using var response = await Http.GetAsync(Target, cancellationToken);
        Console.WriteLine($"{DateTime.Now:T} GET {Target} -> {(int)response.StatusCode}");
    }
}
