using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using static GenScheduler.Stores.Tests.StoreScheduler;

namespace GenScheduler.Stores.Tests.Sqlite;

/// <summary>Two schedulers on one file (two processes of one app), a file that is not a database, and a file from a newer GenScheduler.</summary>
public sealed class SqliteSharedFileTests : IDisposable
{
    private readonly SqliteFile _file = new();
    private readonly Runs _runs = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Two_schedulers_on_one_file_run_each_occurrence_once()
    {
        var job = new JobDefinition("Jobs.Tick", new IntervalTrigger(TimeSpan.FromSeconds(1), start: T0), _runs.Invoker());
        await using var a = new StoreScheduler(_file.Open(), [job], T0, node: "a");
        await using var b = new StoreScheduler(_file.Open(), [job], T0, node: "b");
        await a.StartAsync();
        await b.StartAsync();

        // Both clocks move together; whichever fires first takes the occurrence.
        for (int second = 1; second <= 20; second++)
        {
            var now = T0.AddSeconds(second);
            await Task.WhenAll(a.SetAsync(now), b.SetAsync(now));
        }

        Assert.Equal(Enumerable.Range(0, 21).Select(s => T0.AddSeconds(s)), _runs.Of("Jobs.Tick"));
        Assert.Equal(T0.AddSeconds(21), a.Scheduler.GetJob("Jobs.Tick").NextRunTime);
        Assert.Equal(T0.AddSeconds(21), b.Scheduler.GetJob("Jobs.Tick").NextRunTime);
    }

    [Fact]
    public async Task A_pause_on_one_scheduler_reaches_the_other()
    {
        var job = new JobDefinition("Jobs.Tick", new IntervalTrigger(TimeSpan.FromSeconds(1), start: T0), _runs.Invoker());
        await using var a = new StoreScheduler(_file.Open(), [job], T0, node: "a", nodeTimeout: TimeSpan.FromSeconds(3));
        await using var b = new StoreScheduler(_file.Open(), [job], T0, node: "b", nodeTimeout: TimeSpan.FromSeconds(3));
        await a.StartAsync();
        await b.StartAsync();

        a.Scheduler.PauseJob("Jobs.Tick");

        // b's next fire loses its claim (the stored job is paused), and b takes the pause.
        await b.SetAsync(T0.AddSeconds(1));
        Assert.True(b.Scheduler.GetJob("Jobs.Tick").IsPaused, $"b did not take the pause. a said:\n{a.Log.Dump()}\nb said:\n{b.Log.Dump()}");
        Assert.Equal([T0], _runs.Of("Jobs.Tick"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_fails_start_with_a_message_that_names_the_file_and_the_cause()
    {
        await File.WriteAllTextAsync(_file.Path, "this is a text file, not a database. ".PadRight(8192, '#'));
        await using var scheduler = new StoreScheduler(_file.Open(), [], T0);

        var error = Assert.Throws<JobStoreException>(() => scheduler.Scheduler.Start());

        Assert.Contains("jobs.db", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Equal("SQLite jobs.db", error.Store);
        Assert.Equal(SchedulerState.NotStarted, scheduler.Scheduler.State);
    }

    [Fact]
    public async Task A_file_with_a_newer_schema_is_refused()
    {
        using (var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE gs_schema (version INTEGER NOT NULL); INSERT INTO gs_schema VALUES (99);";
            command.ExecuteNonQuery();
        }

        await using var scheduler = new StoreScheduler(_file.Open(), [], T0);
        var error = Assert.Throws<JobStoreException>(() => scheduler.Scheduler.Start());
        Assert.Contains("version 99, newer than this GenScheduler's (1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_is_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), "genscheduler-no-such-folder", "jobs.db");
        await using var scheduler = new StoreScheduler(new SqliteJobStore(missing), [], T0);
        var error = Assert.Throws<JobStoreException>(() => scheduler.Scheduler.Start());
        Assert.Contains("genscheduler-no-such-folder", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
