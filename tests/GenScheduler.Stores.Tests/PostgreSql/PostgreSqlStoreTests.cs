using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using static GenScheduler.Stores.Tests.PostgreSql.PgTest;

namespace GenScheduler.Stores.Tests.PostgreSql;

/// <summary>The PostgreSQL store through <see cref="IJobStore"/>: its schema, its rows, their versions, and NOTIFY.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlStoreTests(PostgresServer server)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Open_creates_the_schema_at_its_version_and_registers_the_node()
    {
        string db = await server.CreateDatabaseAsync();

        using var store = Open(db, "node-a", Clock());

        long tables = await ScalarAsync<long>(db,
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'genscheduler' AND table_name IN ('gs_schema', 'gs_jobs', 'gs_runs', 'gs_nodes')");
        Assert.Equal(4, tables);
        Assert.Equal(1, await ScalarAsync<int>(db, "SELECT max(version) FROM genscheduler.gs_schema"));
        Assert.Equal(T0.UtcTicks, await ScalarAsync<long>(db, "SELECT heartbeat FROM genscheduler.gs_nodes WHERE id = 'node-a'"));
        Assert.Equal("PostgreSQL 127.0.0.1:" + new Npgsql.NpgsqlConnectionStringBuilder(db).Port + "/" + new Npgsql.NpgsqlConnectionStringBuilder(db).Database, store.Name);
    }

    [Fact]
    public async Task Nodes_opening_an_empty_database_at_once_create_the_schema_once()
    {
        string db = await server.CreateDatabaseAsync();
        var time = Clock();

        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => Open(db, $"node-{i}", time))));
        try
        {
            Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM genscheduler.gs_schema"));
            Assert.Equal(4L, await ScalarAsync<long>(db, "SELECT count(*) FROM genscheduler.gs_nodes"));
        }
        finally
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_schema_written_by_a_newer_version_is_refused()
    {
        string db = await server.CreateDatabaseAsync();
        Open(db, "old", Clock()).Dispose();
        await ExecuteAsync(db, "UPDATE genscheduler.gs_schema SET version = 2");

        using var store = new PostgreSqlJobStore(db);
        var e = Assert.Throws<JobStoreException>(() => store.Open(new JobStoreSession("new", Clock(), NodeTimeout)));

        Assert.Equal(store.Name, e.Store);
        Assert.Contains(store.Name, e.Message, StringComparison.Ordinal);
        Assert.Contains("version 2, newer than this GenScheduler's (1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schemas_of_other_names_in_one_database_are_separate_stores()
    {
        string db = await server.CreateDatabaseAsync();
        using var first = Open(db, "a", Clock());
        using var second = Open(db, "b", Clock(), schema: "other_jobs");

        first.SaveJob(Row("only-in-first", T0));

        Assert.Single(first.LoadJobs());
        Assert.Empty(second.LoadJobs());
        Assert.EndsWith(" schema other_jobs", second.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Propose_inserts_missing_rows_and_keeps_rows_of_the_same_fingerprint()
    {
        string db = await server.CreateDatabaseAsync();
        using var a = Open(db, "a", Clock());
        using var b = Open(db, "b", Clock());

        var stored = a.ProposeJobs([Row("j1", T0.AddTicks(3)), Row("j2", null)]);
        var again = b.ProposeJobs([Row("j1", T0.AddHours(5)), Row("j3", T0)]);

        Assert.Equal(["j1", "j2"], stored.Select(r => r.Id));
        Assert.Equal(T0.AddTicks(3), stored[0].NextRunTime);
        Assert.Equal(T0.AddTicks(-7), stored[0].Origin);
        Assert.Null(stored[1].NextRunTime);

        // The first node's next run time stands, and its version too: nothing was written for j1.
        Assert.Equal(T0.AddTicks(3), again.Single(r => r.Id == "j1").NextRunTime);
        Assert.Equal(stored[0].Version, again.Single(r => r.Id == "j1").Version);
        Assert.Equal(["j1", "j2", "j3"], a.LoadJobs().Select(r => r.Id));
    }

    [Fact]
    public async Task Propose_replaces_a_row_of_another_fingerprint_keeping_its_pause_and_last_run()
    {
        string db = await server.CreateDatabaseAsync();
        using var store = Open(db, "a", Clock());
        store.ProposeJobs([Row("paused", T0), Row("running", T0)]);
        store.SaveJob(Row("paused", null, paused: true));
        store.Claim([Fire("running", T0)]);
        store.Complete([new RunCompletion("running", T0, 1, RunOutcome.Failed, T0, T0.AddSeconds(2))]);

        var stored = store.ProposeJobs([Row("paused", T0.AddHours(1), fingerprint: "fp-2"), Row("running", T0.AddHours(2), fingerprint: "fp-2")]);

        var paused = stored.Single(r => r.Id == "paused");
        Assert.Equal("fp-2", paused.Fingerprint);
        Assert.True(paused.Paused);
        Assert.Null(paused.NextRunTime);
        var running = stored.Single(r => r.Id == "running");
        Assert.Equal("fp-2", running.Fingerprint);
        Assert.Equal(T0.AddHours(2), running.NextRunTime);
        Assert.Equal(T0, running.LastRunTime);
        Assert.Equal(RunOutcome.Failed, running.LastOutcome);
    }

    [Fact]
    public async Task Propose_brings_back_a_deleted_row_as_given()
    {
        string db = await server.CreateDatabaseAsync();
        using var store = Open(db, "a", Clock());
        store.SaveJob(Row("j", null, paused: true));
        store.DeleteJob("j");

        var stored = Assert.Single(store.ProposeJobs([Row("j", T0.AddMinutes(3))]));

        Assert.False(stored.Deleted);
        Assert.False(stored.Paused);
        Assert.Equal(T0.AddMinutes(3), stored.NextRunTime);
    }

    [Fact]
    public async Task Saves_deletes_and_proposals_raise_the_version_that_ReadChanges_reads_after()
    {
        string db = await server.CreateDatabaseAsync();
        using var a = Open(db, "a", Clock());
        using var b = Open(db, "b", Clock());
        a.ProposeJobs([Row("kept", T0), Row("gone", T0)]);
        long seen = b.ReadChanges(0).Max(r => r.Version);

        a.SaveJob(Row("kept", T0.AddDays(1), fingerprint: "fp-9") with { Target = "Jobs.Kept", Trigger = "{\"date\":\"x\"}", Options = "{}" });
        a.DeleteJob("gone");
        a.DeleteJob("never-there");

        var changes = b.ReadChanges(seen);
        Assert.Equal(["kept", "gone"], changes.Select(r => r.Id));
        Assert.True(changes[0].Version > seen && changes[1].Version > changes[0].Version);
        Assert.Equal(T0.AddDays(1), changes[0].NextRunTime);
        Assert.Equal(("Jobs.Kept", "{\"date\":\"x\"}", "{}"), (changes[0].Target, changes[0].Trigger, changes[0].Options));
        Assert.True(changes[1].Deleted);
        Assert.Null(changes[1].NextRunTime);
        Assert.Equal(["kept"], b.LoadJobs().Select(r => r.Id));

        // Fires and run ends are no changes to read.
        long after = changes.Max(r => r.Version);
        b.Claim([Fire("kept", T0.AddDays(1))]);
        b.Complete([new RunCompletion("kept", T0.AddDays(1), 1, RunOutcome.Succeeded, T0.AddDays(1), T0.AddDays(1))]);
        Assert.Empty(a.ReadChanges(after));
    }

    [Fact]
    public async Task WaitForChange_returns_true_when_another_node_saves_or_deletes_and_not_for_its_own_writes()
    {
        string db = await server.CreateDatabaseAsync();
        using var a = Open(db, "a", Clock());
        using var b = Open(db, "b", Clock());
        // The first wait starts listening, and says a change may have gone by before it did.
        Assert.True(b.WaitForChange(TimeSpan.FromMilliseconds(1), CancellationToken.None));

        var saved = Task.Run(() => b.WaitForChange(Bound, CancellationToken.None));
        a.SaveJob(Row("j", T0));
        Assert.True(await saved.WaitAsync(Bound));

        var deleted = Task.Run(() => b.WaitForChange(Bound, CancellationToken.None));
        a.DeleteJob("j");
        Assert.True(await deleted.WaitAsync(Bound));

        b.SaveJob(Row("mine", T0));
        Assert.False(b.WaitForChange(TimeSpan.FromMilliseconds(300), CancellationToken.None));
    }

    [Fact]
    public async Task WaitForChange_ends_on_cancellation_and_the_next_wait_listens_again()
    {
        string db = await server.CreateDatabaseAsync();
        using var a = Open(db, "a", Clock());
        using var b = Open(db, "b", Clock());
        using var cancel = new CancellationTokenSource();
        Assert.True(b.WaitForChange(TimeSpan.FromMilliseconds(1), CancellationToken.None)); // listening from here

        var waiting = Task.Run(() => b.WaitForChange(Bound, cancel.Token));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Bound));

        // A new connection listens; it says a change may have gone by while none did.
        Assert.True(b.WaitForChange(TimeSpan.FromMilliseconds(1), CancellationToken.None));
        var saved = Task.Run(() => b.WaitForChange(Bound, CancellationToken.None));
        a.SaveJob(Row("j", T0));
        Assert.True(await saved.WaitAsync(Bound));
    }

    [Fact]
    public async Task Dispose_removes_the_node_and_ends_a_wait_in_progress()
    {
        string db = await server.CreateDatabaseAsync();
        var store = Open(db, "leaving", Clock());
        Assert.True(store.WaitForChange(TimeSpan.FromMilliseconds(1), CancellationToken.None)); // listening from here
        var waiting = Task.Run(() => store.WaitForChange(Bound, CancellationToken.None));

        store.Dispose();

        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => waiting.WaitAsync(Bound));
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM genscheduler.gs_nodes"));
    }
}
