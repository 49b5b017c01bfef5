using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Xunit.Abstractions;
using static GenScheduler.Stores.Tests.PostgreSql.PgTest;

namespace GenScheduler.Stores.Tests.PostgreSql;

/// <summary>The PostgreSQL store as referee: claims by compare-and-swap, run records, completions, and dead nodes' runs.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlClaimTests(PostgresServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task Of_two_nodes_claiming_the_same_due_at_once_exactly_one_wins()
    {
        string db = await server.CreateDatabaseAsync();
        var time = Clock();
        using var a = Open(db, "a", time);
        using var b = Open(db, "b", time);
        a.ProposeJobs([Row("job", T0.AddTicks(1))]);
        var fromA = Fire("job", T0.AddTicks(1));
        var fromB = Fire("job", T0.AddTicks(1));

        await Task.WhenAll(Task.Run(() => a.Claim([fromA])), Task.Run(() => b.Claim([fromB])));

        var (winner, loser, node) = fromA.Outcome == ClaimOutcome.Won ? (fromA, fromB, "a") : (fromB, fromA, "b");
        Assert.Equal(ClaimOutcome.Won, winner.Outcome);
        Assert.Null(winner.Current);
        Assert.Equal(ClaimOutcome.Lost, loser.Outcome);
        Assert.Equal(T0.AddMinutes(1).AddTicks(2), loser.Current?.NextRunTime);
        Assert.Equal(node, await ScalarAsync<string>(db, "SELECT string_agg(node, ',') FROM genscheduler.gs_runs"));
    }

    [Fact]
    public async Task A_claim_of_a_paused_deleted_or_unknown_job_is_lost_with_the_row_as_stored()
    {
        string db = await server.CreateDatabaseAsync();
        using var store = Open(db, "a", Clock());
        store.ProposeJobs([Row("paused", T0), Row("deleted", T0), Row("moved", T0)]);
        store.SaveJob(Row("paused", T0, paused: true));
        store.DeleteJob("deleted");
        store.SaveJob(Row("moved", T0.AddHours(1)));
        FireClaim[] claims = [Fire("paused", T0), Fire("deleted", T0), Fire("moved", T0), Fire("unknown", T0)];

        store.Claim(claims);

        Assert.All(claims, c => Assert.Equal(ClaimOutcome.Lost, c.Outcome));
        Assert.True(claims[0].Current?.Paused);
        Assert.Null(claims[1].Current);
        Assert.Equal(T0.AddHours(1), claims[2].Current?.NextRunTime);
        Assert.Null(claims[3].Current);
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM genscheduler.gs_runs"));
    }

    [Fact]
    public async Task An_occurrence_claimed_again_after_a_reschedule_is_lost_and_the_schedule_moves_on()
    {
        string db = await server.CreateDatabaseAsync();
        using var store = Open(db, "a", Clock());
        store.ProposeJobs([Row("job", T0)]);
        var first = Fire("job", T0);
        store.Claim([first]);

        store.SaveJob(Row("job", T0)); // rescheduled back onto the occurrence that started already
        var again = Fire("job", T0);
        store.Claim([again]);

        Assert.Equal(ClaimOutcome.Won, first.Outcome);
        Assert.Equal(ClaimOutcome.Lost, again.Outcome);
        Assert.Equal(T0.AddMinutes(1).AddTicks(1), again.Current?.NextRunTime);
        Assert.Equal(T0.AddMinutes(1).AddTicks(1), store.LoadJobs().Single().NextRunTime);
    }

    [Fact]
    public async Task A_fire_without_runs_or_without_a_next_run_moves_the_job()
    {
        string db = await server.CreateDatabaseAsync();
        using var store = Open(db, "a", Clock());
        store.ProposeJobs([Row("missed", T0), Row("done", T0)]);
        FireClaim[] claims = [Fire("missed", T0, T0.AddHours(1)), Fire("done", T0, null, T0, 3)];

        store.Claim(claims);

        Assert.All(claims, c => Assert.Equal(ClaimOutcome.Won, c.Outcome));
        var rows = store.LoadJobs();
        Assert.Equal(T0.AddHours(1), rows.Single(r => r.Id == "missed").NextRunTime);
        Assert.Null(rows.Single(r => r.Id == "done").NextRunTime);
        Assert.Equal(3, await ScalarAsync<int>(db, "SELECT run_count FROM genscheduler.gs_runs WHERE job_id = 'done'"));
    }

    [Fact]
    public async Task A_batch_of_1000_claims_is_one_round_trip_and_each_outcome_lands_on_its_claim()
    {
        string db = await server.CreateDatabaseAsync();
        var settings = new NpgsqlConnectionStringBuilder(db);
        await using var counter = new RoundTripCounter(settings.Host!, settings.Port);
        string relayed = new NpgsqlConnectionStringBuilder(db) { Host = "127.0.0.1", Port = counter.Port }.ConnectionString;
        var time = Clock();
        using var a = Open(relayed, "a", time);
        using var b = Open(db, "b", time);
        var ids = Enumerable.Range(0, 1000).Select(i => $"job-{i:D4}").ToArray();
        a.ProposeJobs([.. ids.Select(id => Row(id, T0))]);

        // Every third was fired by b first: those are lost by a, with b's next run time.
        b.Claim([.. ids.Where((_, i) => i % 3 == 0).Select(id => Fire(id, T0, T0.AddHours(2)))]);
        var claims = ids.Select(id => Fire(id, T0)).ToArray();
        a.Heartbeat(); // the pooled connection is open and warm
        counter.Reset();
        var watch = Stopwatch.StartNew();
        a.Claim(claims);
        watch.Stop();

        Assert.True(counter.RoundTrips == 1, $"{counter.RoundTrips} round trips; the relayed reads: {counter.Traffic}");
        for (int i = 0; i < claims.Length; i++)
        {
            Assert.Equal(i % 3 == 0 ? ClaimOutcome.Lost : ClaimOutcome.Won, claims[i].Outcome);
            Assert.Equal(i % 3 == 0 ? T0.AddHours(2) : null, claims[i].Current?.NextRunTime);
            Assert.Equal(i % 3 == 0 ? ids[i] : null, claims[i].Current?.Id);
        }

        Assert.Equal(666L, await ScalarAsync<long>(db, "SELECT count(*) FROM genscheduler.gs_runs WHERE node = 'a'"));
        output.WriteLine($"1000 claims (666 won, 334 lost), first batch: {watch.Elapsed.TotalMilliseconds:F1} ms, {1000 / watch.Elapsed.TotalSeconds:F0} claims/s");

        // The next fires of the same jobs, on a warm connection: the same split.
        var next = ids.Select(id => Fire(id, T0.AddMinutes(1).AddTicks(1))).ToArray();
        counter.Reset();
        watch.Restart();
        a.Claim(next);
        watch.Stop();
        Assert.True(counter.RoundTrips == 1, $"{counter.RoundTrips} round trips; the relayed reads: {counter.Traffic}");
        Assert.Equal(666, next.Count(c => c.Outcome == ClaimOutcome.Won));
        output.WriteLine($"1000 claims (666 won, 334 lost), second batch: {watch.Elapsed.TotalMilliseconds:F1} ms, {1000 / watch.Elapsed.TotalSeconds:F0} claims/s");

        counter.Reset();
        a.Complete([.. claims.Where(c => c.Outcome == ClaimOutcome.Won).Select(c => new RunCompletion(c.JobId, T0, 1, RunOutcome.Succeeded, T0, T0.AddSeconds(1)))]);
        Assert.True(counter.RoundTrips == 1, $"{counter.RoundTrips} round trips; the relayed reads: {counter.Traffic}");
        Assert.Equal(666L, await ScalarAsync<long>(db, "SELECT count(*) FROM genscheduler.gs_jobs WHERE last_outcome = 0 AND last_run = " + T0.UtcTicks));
    }

    [Fact]
    public async Task Complete_counts_the_current_attempt_and_runs_without_a_record_only()
    {
        string db = await server.CreateDatabaseAsync();
        var time = Clock();
        using var a = Open(db, "a", time);
        using var b = Open(db, "b", time);
        a.ProposeJobs([Row("fired", T0), Row("run-now", T0)]);
        a.Claim([Fire("fired", T0)]);

        a.Complete([new RunCompletion("fired", T0, 2, RunOutcome.Failed, T0, T0.AddSeconds(1))]);    // not its attempt
        b.Complete([new RunCompletion("fired", T0, 1, RunOutcome.Cancelled, T0, T0.AddSeconds(1))]); // not its run
        Assert.Null(a.LoadJobs().Single(r => r.Id == "fired").LastOutcome);

        a.Complete([
            new RunCompletion("fired", T0, 1, RunOutcome.Succeeded, T0.AddTicks(5), T0.AddSeconds(1)),
            new RunCompletion("run-now", T0.AddSeconds(9), 1, RunOutcome.Failed, T0.AddSeconds(9), T0.AddSeconds(10)),
            new RunCompletion("run-now", T0.AddSeconds(20), 1, RunOutcome.Cancelled, T0.AddSeconds(20), T0.AddSeconds(21)),
        ]);
        a.Complete([new RunCompletion("fired", T0, 1, RunOutcome.Failed, T0, T0.AddSeconds(2))]); // ended already

        var rows = a.LoadJobs();
        Assert.Equal((T0.AddTicks(5), RunOutcome.Succeeded), (rows.Single(r => r.Id == "fired").LastRunTime, rows.Single(r => r.Id == "fired").LastOutcome));
        Assert.Equal((T0.AddSeconds(20), RunOutcome.Cancelled), (rows.Single(r => r.Id == "run-now").LastRunTime, rows.Single(r => r.Id == "run-now").LastOutcome));
    }

    [Fact]
    public async Task A_dead_nodes_run_at_most_once_is_abandoned_by_one_node_once()
    {
        string db = await server.CreateDatabaseAsync();
        var time = Clock();
        using var dead = Open(db, "dead", time);
        using var b = Open(db, "b", time);
        using var c = Open(db, "c", time);
        dead.ProposeJobs([Row("job", T0)]);
        dead.Claim([Fire("job", T0, RunDelivery.AtMostOnce)]);

        time.Advance(NodeTimeout - TimeSpan.FromSeconds(1));
        b.Heartbeat();
        Assert.Empty(b.SettleOrphans()); // not silent for long enough yet

        time.Advance(TimeSpan.FromSeconds(2));
        b.Heartbeat();
        c.Heartbeat();
        var settled = (await Task.WhenAll(Task.Run(b.SettleOrphans), Task.Run(c.SettleOrphans))).SelectMany(s => s).ToArray();

        var orphan = Assert.Single(settled);
        Assert.Equal(new OrphanedRun("job", T0, 1, 1, TakenOver: false, DeadNode: "dead"), orphan);
        Assert.Empty(b.SettleOrphans());
        Assert.Empty(c.SettleOrphans());
        var row = b.LoadJobs().Single();
        Assert.Equal((T0, RunOutcome.Abandoned), (row.LastRunTime, row.LastOutcome));
    }

    [Fact]
    public async Task A_dead_nodes_run_at_least_once_is_taken_over_once_and_its_old_attempt_no_longer_counts()
    {
        string db = await server.CreateDatabaseAsync();
        var time = Clock();
        using var dead = Open(db, "dead", time);
        using var b = Open(db, "b", time);
        using var c = Open(db, "c", time);
        dead.ProposeJobs([Row("job", T0)]);
        dead.Claim([Fire("job", T0, T0.AddMinutes(1), T0, 2, RunDelivery.AtLeastOnce)]);

        time.Advance(NodeTimeout + TimeSpan.FromSeconds(1));
        b.Heartbeat();
        c.Heartbeat();
        var b1 = Task.Run(b.SettleOrphans);
        var c1 = Task.Run(c.SettleOrphans);
        var settled = (await Task.WhenAll(b1, c1)).SelectMany(s => s).ToArray();

        var orphan = Assert.Single(settled);
        Assert.Equal(new OrphanedRun("job", T0, 2, 2, TakenOver: true, DeadNode: "dead"), orphan);
        var taker = (await b1).Count == 1 ? b : c;
        Assert.Empty(b.SettleOrphans());
        Assert.Empty(c.SettleOrphans());

        // The node was only slow: its attempt ends, and does not count; the taker's does.
        dead.Complete([new RunCompletion("job", T0, 1, RunOutcome.Failed, T0.AddSeconds(1), time.GetUtcNow())]);
        Assert.Null(b.LoadJobs().Single().LastOutcome);
        taker.Complete([new RunCompletion("job", T0, 2, RunOutcome.Succeeded, T0.AddSeconds(1), time.GetUtcNow())]);
        var row = b.LoadJobs().Single();
        Assert.Equal((T0.AddSeconds(1), RunOutcome.Succeeded), (row.LastRunTime, row.LastOutcome));
    }
}
