using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using static GenScheduler.Stores.Tests.StoreScheduler;

namespace GenScheduler.Stores.Tests.PostgreSql;

/// <summary>Two schedulers on one database learn of each other's changes by NOTIFY, without waiting for a fire.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlSharingTests(PostgresServer server)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_pause_and_a_job_added_by_target_on_one_node_reach_the_other_at_once()
    {
        string database = await server.CreateDatabaseAsync();
        var runs = new Runs();
        JobDefinition[] table =
        [
            new("Jobs.Hourly", new IntervalTrigger(TimeSpan.FromHours(1), start: T0), runs.Invoker()),
            JobDefinition.Unscheduled("MyApp.Report", runs.Invoker()),
        ];
        await using var a = new StoreScheduler(new PostgreSqlJobStore(database), table, T0, node: "a");
        await using var b = new StoreScheduler(new PostgreSqlJobStore(database), table, T0, node: "b");
        await a.StartAsync();
        await b.StartAsync();

        a.Scheduler.PauseJob("Jobs.Hourly");
        a.Scheduler.AddJob("report-eu", target: "MyApp.Report", new CronTrigger("0 6 * * *", false, "Europe/Berlin"));

        // No clock moves: only the notification can tell b.
        await Until(() => b.Scheduler.GetJob("Jobs.Hourly").IsPaused && b.Scheduler.TryGetJob("report-eu", out _), b, "the pause and the added job");
        var added = b.Scheduler.GetJob("report-eu");
        Assert.Equal("MyApp.Report", added.Definition.Target);
        Assert.Equal(a.Scheduler.GetJob("report-eu").NextRunTime, added.NextRunTime);

        // And a removal.
        a.Scheduler.RemoveJob("report-eu");
        await Until(() => !b.Scheduler.TryGetJob("report-eu", out _), b, "the removal");
    }

    private static async Task Until(Func<bool> condition, StoreScheduler node, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            // A bounded poll of the scheduler's state: the change arrives on the store thread, whose timing is the server's.
            Assert.True(DateTime.UtcNow < deadline,
                $"{what} did not reach the other node within {Bound.TotalSeconds} s. It has: {node.Scheduler.Describe()}\nIts log:\n" +
                string.Join("\n", node.Log.Entries.Select(e => $"{e.Level} {e.Id.Name}: {e.Message}")));
            await Task.Delay(20);
        }
    }
}
