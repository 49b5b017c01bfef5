using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace GenScheduler;

/// <summary>
/// Fires, runs and nodes: the compare-and-swap that gives each occurrence to one scheduler, the <c>gs_runs</c> record
/// keyed by (job, first run) that a second start of the same occurrence would collide with, and the heartbeats by
/// which the runs of a dead scheduler are found and settled.
/// </summary>
internal sealed class SqliteRuns
{
    /// <summary>How long ended runs are kept, for whoever wants to look; then they are pruned.</summary>
    private static readonly TimeSpan KeepEnded = TimeSpan.FromDays(1);

    private readonly SqliteConnection _connection;
    private readonly JobStoreSession _session;

    public SqliteRuns(SqliteConnection connection, JobStoreSession session)
    {
        _connection = connection;
        _session = session;
    }

    private long Now => _session.TimeProvider.GetUtcNow().UtcTicks;

    /// <summary>Every claim in one immediate transaction, so one commit (one fsync) per batch.</summary>
    public void Claim(IReadOnlyList<FireClaim> claims, SqliteJobRows jobs)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        using var advance = Command(transaction,
            "UPDATE gs_jobs SET next_run = $next WHERE id = $id AND next_run = $due AND paused = 0 AND deleted = 0");
        var id = advance.Parameters.Add("$id", SqliteType.Text);
        var due = advance.Parameters.Add("$due", SqliteType.Integer);
        var next = advance.Parameters.Add("$next", SqliteType.Integer);
        using var record = Command(transaction, """
            INSERT INTO gs_runs (job_id, first_run, run_count, node, attempt, delivery, claimed_at)
            VALUES ($id, $first, $count, $node, 1, $delivery, $now) ON CONFLICT DO NOTHING
            """);
        var runId = record.Parameters.Add("$id", SqliteType.Text);
        var first = record.Parameters.Add("$first", SqliteType.Integer);
        var count = record.Parameters.Add("$count", SqliteType.Integer);
        var delivery = record.Parameters.Add("$delivery", SqliteType.Integer);
        record.Parameters.AddWithValue("$node", _session.NodeId);
        record.Parameters.AddWithValue("$now", Now);
        using var find = jobs.FindCommand(transaction);
        var findId = find.Parameters.Add("$id", SqliteType.Text);

        foreach (var claim in claims)
        {
            id.Value = claim.JobId;
            due.Value = claim.Due.UtcTicks;
            next.Value = (object?)SqliteJobRows.Ticks(claim.Next) ?? DBNull.Value;
            bool won = advance.ExecuteNonQuery() == 1;
            if (won && claim.FirstRun is { } run)
            {
                runId.Value = claim.JobId;
                first.Value = run.UtcTicks;
                count.Value = claim.RunCount;
                delivery.Value = (int)claim.Delivery;

                // The occurrence started once already (its record exists): the schedule moves on, the run is not made again.
                won = record.ExecuteNonQuery() == 1;
            }

            claim.Outcome = won ? ClaimOutcome.Won : ClaimOutcome.Lost;
            if (!won)
            {
                findId.Value = claim.JobId;
                claim.Current = jobs.Find(find);
            }
        }

        transaction.Commit();
    }

    /// <summary>Records run ends; a job's last run is written only by the run's current attempt (or a run without a record: run now, run on start).</summary>
    public void Complete(IReadOnlyList<RunCompletion> runs)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        using var end = Command(transaction, """
            UPDATE gs_runs SET ended_at = $ended, outcome = $outcome
            WHERE job_id = $id AND first_run = $first AND attempt = $attempt AND node = $node AND ended_at IS NULL
            """);
        using var exists = Command(transaction, "SELECT count(*) FROM gs_runs WHERE job_id = $id AND first_run = $first");
        using var last = Command(transaction, "UPDATE gs_jobs SET last_run = $last, last_outcome = $outcome WHERE id = $id");
        foreach (var run in runs)
        {
            end.Parameters.Clear();
            end.Parameters.AddWithValue("$ended", run.EndedAt.UtcTicks);
            end.Parameters.AddWithValue("$outcome", (int)run.Outcome);
            end.Parameters.AddWithValue("$id", run.JobId);
            end.Parameters.AddWithValue("$first", run.FirstRun.UtcTicks);
            end.Parameters.AddWithValue("$attempt", run.Attempt);
            end.Parameters.AddWithValue("$node", _session.NodeId);
            bool counted = end.ExecuteNonQuery() == 1;
            if (!counted)
            {
                exists.Parameters.Clear();
                exists.Parameters.AddWithValue("$id", run.JobId);
                exists.Parameters.AddWithValue("$first", run.FirstRun.UtcTicks);
                counted = (long)exists.ExecuteScalar()! == 0;
            }

            if (counted)
            {
                last.Parameters.Clear();
                last.Parameters.AddWithValue("$last", run.LastRunTime.UtcTicks);
                last.Parameters.AddWithValue("$outcome", (int)run.Outcome);
                last.Parameters.AddWithValue("$id", run.JobId);
                last.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    public void Heartbeat()
    {
        using var command = Command(null, """
            INSERT INTO gs_nodes (id, heartbeat, started) VALUES ($id, $now, $now)
            ON CONFLICT (id) DO UPDATE SET heartbeat = excluded.heartbeat
            """);
        command.Parameters.AddWithValue("$id", _session.NodeId);
        command.Parameters.AddWithValue("$now", Now);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The open runs of nodes silent for longer than the node timeout (or gone without leaving): at most once, marked
    /// abandoned; at least once, taken over with the attempt raised. Each row is updated on its old attempt, so of
    /// several schedulers settling at once only one settles it.
    /// </summary>
    public List<OrphanedRun> SettleOrphans()
    {
        long now = Now;
        long alive = now - _session.NodeTimeout.Ticks;
        using var transaction = _connection.BeginTransaction(deferred: false);
        var open = new List<(string Job, long First, int Count, string Node, int Attempt, RunDelivery Delivery)>();
        using (var find = Command(transaction, """
            SELECT job_id, first_run, run_count, node, attempt, delivery FROM gs_runs
            WHERE ended_at IS NULL AND node <> $me AND node NOT IN (SELECT id FROM gs_nodes WHERE heartbeat >= $alive)
            """))
        {
            find.Parameters.AddWithValue("$me", _session.NodeId);
            find.Parameters.AddWithValue("$alive", alive);
            using var reader = find.ExecuteReader();
            while (reader.Read())
            {
                open.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetInt32(4), (RunDelivery)reader.GetInt32(5)));
            }
        }

        var settled = new List<OrphanedRun>();
        using var takeOver = Command(transaction, """
            UPDATE gs_runs SET node = $me, attempt = attempt + 1, claimed_at = $now
            WHERE job_id = $id AND first_run = $first AND attempt = $attempt AND ended_at IS NULL
            """);
        using var abandon = Command(transaction, """
            UPDATE gs_runs SET ended_at = $now, outcome = $outcome
            WHERE job_id = $id AND first_run = $first AND attempt = $attempt AND ended_at IS NULL
            """);
        using var lastRun = Command(transaction, "UPDATE gs_jobs SET last_run = $first, last_outcome = $outcome WHERE id = $id");
        foreach (var run in open)
        {
            bool over = run.Delivery == RunDelivery.AtLeastOnce;
            var command = over ? takeOver : abandon;
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$me", _session.NodeId);
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$outcome", (int)RunOutcome.Abandoned);
            command.Parameters.AddWithValue("$id", run.Job);
            command.Parameters.AddWithValue("$first", run.First);
            command.Parameters.AddWithValue("$attempt", run.Attempt);
            if (command.ExecuteNonQuery() != 1)
            {
                continue;
            }

            if (!over)
            {
                lastRun.Parameters.Clear();
                lastRun.Parameters.AddWithValue("$first", run.First);
                lastRun.Parameters.AddWithValue("$outcome", (int)RunOutcome.Abandoned);
                lastRun.Parameters.AddWithValue("$id", run.Job);
                lastRun.ExecuteNonQuery();
            }

            settled.Add(new OrphanedRun(run.Job, new DateTimeOffset(run.First, TimeSpan.Zero), run.Count, over ? run.Attempt + 1 : run.Attempt, over, run.Node));
        }

        using (var prune = Command(transaction, """
            DELETE FROM gs_nodes WHERE heartbeat < $alive AND id NOT IN (SELECT node FROM gs_runs WHERE ended_at IS NULL);
            DELETE FROM gs_runs WHERE ended_at IS NOT NULL AND ended_at < $old;
            """))
        {
            prune.Parameters.AddWithValue("$alive", alive);
            prune.Parameters.AddWithValue("$old", now - KeepEnded.Ticks);
            prune.ExecuteNonQuery();
        }

        transaction.Commit();
        return settled;
    }

    /// <summary>This node stops: its row goes, so nobody waits for its heartbeat. Its runs have all ended by then.</summary>
    public void Leave()
    {
        using var command = Command(null, "DELETE FROM gs_nodes WHERE id = $id");
        command.Parameters.AddWithValue("$id", _session.NodeId);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
