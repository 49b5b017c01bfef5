using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using static GenScheduler.Stores.Tests.StoreScheduler;

namespace GenScheduler.Stores.Tests.PostgreSql;

/// <summary>
/// The server stopped and started again while a scheduler runs on it: the scheduler says what failed, naming the store
/// and the cause, keeps running the jobs it holds in memory, keeps the stored jobs' fires and changes, retries with a
/// growing delay, and resumes by itself once the server is back. On a fake clock; the server is real.
/// </summary>
public sealed class PostgreSqlOutageTests
{
    [Fact]
    public async Task A_wrong_connection_string_fails_start_naming_the_store_and_the_cause_and_nothing_fires()
    {
        var runs = new Runs();
        var job = new JobDefinition("Jobs.Any", new IntervalTrigger(TimeSpan.FromSeconds(1), start: T0), runs.Invoker());
        await using var scheduler = new StoreScheduler(new PostgreSqlJobStore("Host=127.0.0.1;Port=1;Username=postgres;Database=nowhere"), [job], T0);

        var error = Assert.Throws<JobStoreException>(() => scheduler.Scheduler.Start());

        Assert.Contains("PostgreSQL 127.0.0.1:1/nowhere", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
        Assert.Equal(SchedulerState.NotStarted, scheduler.Scheduler.State);
        await scheduler.Settle();
        Assert.Empty(runs.All);
    }

    [Fact]
    public async Task A_server_outage_is_reported_survived_and_recovered_from_without_losing_a_fire_or_a_change()
    {
        await using var server = await PrivatePostgres.StartAsync();
        var runs = new Runs();
        var stored = new JobDefinition("Jobs.Stored", new IntervalTrigger(TimeSpan.FromSeconds(10), start: T0), runs.Invoker(),
            new JobOptions { MisfireGraceTime = null, Coalesce = false });
        var other = new JobDefinition("Jobs.Other", new IntervalTrigger(TimeSpan.FromSeconds(10), start: T0), runs.Invoker());
        await using var scheduler = new StoreScheduler(new PostgreSqlJobStore(server.ConnectionString), [stored, other], T0,
            nodeTimeout: TimeSpan.FromSeconds(3));
        await scheduler.StartAsync();
        scheduler.Scheduler.AddJob("Jobs.InMemory", new IntervalTrigger(TimeSpan.FromSeconds(10), start: T0), () => runs.Invoker()(default));
        Assert.Equal([T0], runs.Of("Jobs.Stored"));

        await server.StopAsync();

        // The stored job's fire at 10 cannot be refereed: it waits. The job kept in memory runs. A change is kept.
        await scheduler.AdvanceAsync(TimeSpan.FromSeconds(10));
        scheduler.Scheduler.PauseJob("Jobs.Other");
        Assert.Equal([T0], runs.Of("Jobs.Stored"));
        var error = Assert.Single(scheduler.EventsOf(SchedulerEventKind.StoreError).Take(1));
        Assert.Contains(scheduler.Log.Messages("StoreError"), m => m.Contains("PostgreSQL 127.0.0.1:", StringComparison.Ordinal) && m.Contains("retrying in", StringComparison.Ordinal));
        Assert.Contains("PostgreSQL", error.Exception!.Message, StringComparison.Ordinal);
        Assert.IsType<JobStoreException>(error.Exception);

        // Still down a while: retries back off (1 s, 2 s, ...), nothing runs twice, nothing is lost.
        await scheduler.AdvanceAsync(TimeSpan.FromSeconds(3));
        await server.RestartAsync();

        // Back: a retry (within the backoff's 30 s at most) makes the fire of 10, late but within its unlimited grace,
        // and, if the clock passed 20 meanwhile, 20 after it (no coalescing); then the schedule goes on.
        for (int i = 0; i < 40 && !runs.Of("Jobs.Stored").Contains(T0.AddSeconds(10)); i++)
        {
            await scheduler.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        Assert.Contains(scheduler.Log.Messages("StoreRecovered"), m => m.Contains("reachable again", StringComparison.Ordinal));
        if (scheduler.Time.GetUtcNow() < T0.AddSeconds(20))
        {
            await scheduler.SetAsync(T0.AddSeconds(20));
        }

        await scheduler.SetAsync(T0.AddSeconds(30));
        Assert.Equal([T0, T0.AddSeconds(10), T0.AddSeconds(20), T0.AddSeconds(30)], runs.Of("Jobs.Stored"));

        // The pause made during the outage reached the store: a new process finds it.
        await scheduler.StopAsync();
        await using var next = new StoreScheduler(new PostgreSqlJobStore(server.ConnectionString), [stored, other], T0.AddSeconds(31));
        await next.StartAsync();
        Assert.True(next.Scheduler.GetJob("Jobs.Other").IsPaused);
        Assert.Equal(T0.AddSeconds(40), next.Scheduler.GetJob("Jobs.Stored").NextRunTime);
    }
}
