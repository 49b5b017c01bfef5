// The program the process tests run. Each mode prints what the test reads, one fact per line.
//
//   signals                 a job that takes 3 s, under RunAsync: the test sends SIGINT once or twice
//   starvation <executor>   100 jobs that block a thread for 1 s every 100 ms beside 20 healthy 100 ms jobs, for 5 s
//   node <store> <where> <id> <delivery> <seconds>   a node of a cluster on a shared store (see ClusterNode)
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenScheduler;
using Microsoft.Extensions.Logging.Abstractions;

return args.FirstOrDefault() switch
{
    "signals" => await Signals(),
    "starvation" => await Starvation(Enum.Parse<JobExecutor>(args[1])),
    "node" => await ClusterNode.Run(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: GenScheduler.Probe signals | starvation ThreadPool|DedicatedThread");
    return 2;
}

static async Task<int> Signals()
{
    var scheduler = new Scheduler([], new SchedulerOptions { Logger = NullLogger.Instance, ShutdownTimeout = TimeSpan.FromSeconds(20) });
    scheduler.AddJob("Probe.Work", new IntervalTrigger(TimeSpan.FromMilliseconds(200)), async token =>
    {
        Console.WriteLine("job started");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3), token);
            Console.WriteLine("job finished");
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("job cancelled");
            throw;
        }
    });

    // Says when the first stop request has been taken, so the test knows when to send the second.
    _ = Task.Run(async () =>
    {
        while (scheduler.State is SchedulerState.NotStarted or SchedulerState.Running)
        {
            await Task.Delay(10);
        }

        Console.WriteLine("shutting down");
    });

    await scheduler.RunAsync();
    Console.WriteLine($"run returned {scheduler.State}");
    return 0;
}

static async Task<int> Starvation(JobExecutor blockingExecutor)
{
    const int Seconds = 5, Healthy = 20;
    var period = TimeSpan.FromMilliseconds(100);
    int healthyRuns = 0, loopDecisions = 0;
    using var never = new ManualResetEventSlim(false);
    var scheduler = new Scheduler([], new SchedulerOptions { Logger = NullLogger.Instance });
    scheduler.EventRaised += (_, e) =>
    {
        // What the firing loop decided about a healthy job (submitted, skipped, missed), on its own thread.
        if (e.JobId!.StartsWith("Healthy.", StringComparison.Ordinal) && Thread.CurrentThread.Name == "GenScheduler firing loop")
        {
            Interlocked.Increment(ref loopDecisions);
        }
    };
    for (int i = 0; i < 100; i++)
    {
        scheduler.AddJob($"Blocking.{i}", new IntervalTrigger(period), () => never.Wait(1000), new JobOptions { Executor = blockingExecutor });
    }

    for (int i = 0; i < Healthy; i++)
    {
        scheduler.AddJob($"Healthy.{i}", new IntervalTrigger(period), () => { Interlocked.Increment(ref healthyRuns); });
    }

    scheduler.Start();
    await Task.Delay(TimeSpan.FromSeconds(Seconds));
    int expected = Seconds * 10 * Healthy;
    Console.WriteLine($"healthy runs {Volatile.Read(ref healthyRuns)} of {expected}");
    Console.WriteLine($"loop decisions {Volatile.Read(ref loopDecisions)} of {expected}");
    await scheduler.ShutdownAsync(wait: false);
    return 0;
}
