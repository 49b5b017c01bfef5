using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using static GenScheduler.Stores.Tests.StoreScheduler;

namespace GenScheduler.Stores.Tests.Sqlite;

/// <summary>
/// A scheduler that stops heartbeating in the middle of a run (its clock stands still, as a killed process's would): after
/// the node timeout the other settles the run by the job's delivery. The process-level version, with <c>kill -9</c>, is in
/// the cluster tests.
/// </summary>
public sealed class SqliteDeadNodeTests : IDisposable
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(3);
    private readonly SqliteFile _file = new();
    private readonly Runs _runs = new();
    private readonly SemaphoreSlim _release = new(0);

    public void Dispose()
    {
        _release.Release(100);
        _file.Dispose();
    }

    [Fact]
    public async Task At_least_once_a_dead_nodes_run_is_run_again_by_another_as_attempt_two_and_only_that_attempt_counts()
    {
        var (dead, alive) = await KillDuringRun(RunDelivery.AtLeastOnce);

        await _runs.WaitFor(r => r.Attempt == 2);
        var reruns = _runs.All.Where(r => r.JobId == "Jobs.Slow").ToList();
        Assert.Equal([(T0, 1), (T0, 2)], reruns.Select(r => (r.Scheduled, r.Attempt)));
        Assert.Contains(alive.Log.Messages("JobTakenOver"), m => m.Contains("attempt 2", StringComparison.Ordinal) && m.Contains("node dead", StringComparison.Ordinal));

        // The dead node's attempt ends late (the process came back from a freeze): its end does not count.
        _release.Release(2);
        await alive.Settle();
        await dead.StopAsync();
        await alive.StopAsync();
        using var reader = _file.Open();
        reader.Open(new JobStoreSession("reader", TimeProvider.System, NodeTimeout));
        Assert.Equal(RunOutcome.Succeeded, reader.LoadJobs().Single().LastOutcome);
    }

    [Fact]
    public async Task At_most_once_a_dead_nodes_run_is_marked_abandoned_and_reported_never_run_again()
    {
        var (dead, alive) = await KillDuringRun(RunDelivery.AtMostOnce);

        await WaitForEvent(alive, SchedulerEventKind.JobAbandoned);
        Assert.Equal("Jobs.Slow", alive.EventsOf(SchedulerEventKind.JobAbandoned).Single().JobId);
        Assert.Equal(T0, alive.EventsOf(SchedulerEventKind.JobAbandoned).Single().ScheduledTime);
        Assert.Equal([(T0, 1)], _runs.All.Select(r => (r.Scheduled, r.Attempt)));
        _release.Release(2);
        await dead.StopAsync();
    }

    /// <summary>
    /// Node "dead" takes the run at 0 and hangs in it; node "alive" starts on the same file and its clock moves past the
    /// node timeout while the dead one's stands still.
    /// </summary>
    private async Task<(StoreScheduler Dead, StoreScheduler Alive)> KillDuringRun(RunDelivery delivery)
    {
        var job = new JobDefinition("Jobs.Slow", new IntervalTrigger(TimeSpan.FromHours(1), start: T0),
            _runs.Invoker(async _ => await _release.WaitAsync(TimeSpan.FromSeconds(30))), new JobOptions { Delivery = delivery, MaxInstances = 2 });
        var dead = new StoreScheduler(_file.Open(), [job], T0, node: "dead", nodeTimeout: NodeTimeout);
        var alive = new StoreScheduler(_file.Open(), [job], T0, node: "alive", nodeTimeout: NodeTimeout);
        dead.Scheduler.Start();
        await _runs.WaitFor(r => r.Attempt == 1);
        await alive.StartAsync();

        // The alive node's store thread beats every second of its clock; after the timeout, it settles the dead one's run.
        for (int i = 1; i <= 5; i++)
        {
            alive.Time.Advance(TimeSpan.FromSeconds(1));
        }

        return (dead, alive);
    }

    private static async Task WaitForEvent(StoreScheduler scheduler, SchedulerEventKind kind)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new TaskCompletionSource();
        scheduler.Scheduler.EventRaised += (_, e) =>
        {
            if (e.Kind == kind)
            {
                seen.TrySetResult();
            }
        };
        if (!scheduler.EventsOf(kind).Any())
        {
            await seen.Task.WaitAsync(bound.Token);
        }
    }
}
