using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using GenScheduler;
using Microsoft.Extensions.Logging.Abstractions;

/// <summary>
/// One node of a cluster test: a scheduler on a shared store with three jobs, printing every run's start and end, and
/// every run it sees abandoned, one fact per line, for the test to count across processes.
/// </summary>
/// <remarks>
/// <c>node sqlite|postgresql &lt;path or connection string&gt; &lt;node id&gt; AtMostOnce|AtLeastOnce &lt;seconds&gt;</c>.
/// Jobs: <c>Cluster.Second</c> every 1 s and <c>Cluster.Tenth</c> every 100 ms (neither coalesces nor misses, so every
/// occurrence runs), and <c>Cluster.Slow</c> every 3 s taking 2 s, whose delivery is the argument, for the kill test.
/// </remarks>
internal static class ClusterNode
{
    private static readonly Lock Output = new();

    public static async Task<int> Run(string[] args)
    {
        string kind = args[1], where = args[2], node = args[3];
        var delivery = Enum.Parse<RunDelivery>(args[4]);
        var seconds = TimeSpan.FromSeconds(double.Parse(args[5], CultureInfo.InvariantCulture));
        IJobStore store = kind == "sqlite" ? new SqliteJobStore(where) : new PostgreSqlJobStore(where);

        var everyRun = new JobOptions { Coalesce = false, MisfireGraceTime = null, MaxInstances = 5 };
        JobDefinition[] jobs =
        [
            new("Cluster.Second", new IntervalTrigger(TimeSpan.FromSeconds(1)), Quick, everyRun),
            new("Cluster.Tenth", new IntervalTrigger(TimeSpan.FromMilliseconds(100)), Quick, everyRun),
            new("Cluster.Slow", new IntervalTrigger(TimeSpan.FromSeconds(3)), Slow, new JobOptions { Delivery = delivery, MisfireGraceTime = null }),
        ];
        var scheduler = new Scheduler(jobs, new SchedulerOptions
        {
            Store = store,
            NodeId = node,
            NodeTimeout = TimeSpan.FromSeconds(2),
            Logger = NullLogger.Instance,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        });
        scheduler.EventRaised += (_, e) =>
        {
            if (e.Kind == SchedulerEventKind.JobAbandoned)
            {
                Say($"abandoned {e.JobId} {e.ScheduledTime!.Value.UtcTicks} {node}");
            }
            else if (e.Kind is SchedulerEventKind.JobMaxInstancesReached or SchedulerEventKind.JobMissed)
            {
                Say($"{(e.Kind == SchedulerEventKind.JobMissed ? "missed" : "skipped")} {e.JobId} {e.ScheduledTime!.Value.UtcTicks} {node}");
            }
            else if (e.Kind == SchedulerEventKind.StoreError)
            {
                Say($"store error {e.Exception?.Message}");
            }
        };

        scheduler.Start();
        Say($"started {node}");
        await Task.Delay(seconds);
        await scheduler.ShutdownAsync();
        Say($"stopped {node}");
        return 0;

        ValueTask Quick(JobContext context)
        {
            Say($"run {context.JobId} {context.ScheduledTime.UtcTicks} {context.Attempt} {node}");
            return default;
        }

        async ValueTask Slow(JobContext context)
        {
            Say($"start {context.JobId} {context.ScheduledTime.UtcTicks} {context.Attempt} {node}");
            await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
            Say($"end {context.JobId} {context.ScheduledTime.UtcTicks} {context.Attempt} {node}");
        }
    }

    private static void Say(string line)
    {
        lock (Output)
        {
            Console.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
