using System;
using System.Collections.Generic;
using Npgsql;

namespace GenScheduler;

/// <summary>
/// The nodes sharing the schema: their heartbeats in <c>gs_nodes</c>, and the settling of the runs of nodes that
/// stopped heartbeating: abandoned when at most once, taken over with the attempt raised when at least once.
/// </summary>
/// <remarks>
/// Settling locks the runs it settles with <c>FOR UPDATE SKIP LOCKED</c> and updates each on its old attempt, so of
/// several nodes settling at once each run goes to one of them and none waits for another. Instants come from the
/// session's clock (<see cref="JobStoreSession.TimeProvider"/>), never from the server's.
/// </remarks>
internal sealed class PostgreSqlNodes
{
    /// <summary>How long ended runs are kept, for whoever wants to look; then they are pruned.</summary>
    private static readonly TimeSpan KeepEnded = TimeSpan.FromDays(1);

    private readonly string _heartbeat;
    private readonly string _settle;
    private readonly string _pruneNodes;
    private readonly string _pruneRuns;
    private readonly string _leave;

    public PostgreSqlNodes(PostgreSqlSchema schema)
    {
        string s = schema.Quoted;
        _heartbeat = $"""
            INSERT INTO {s}.gs_nodes (id, heartbeat, started) VALUES ($1, $2, $2)
            ON CONFLICT (id) DO UPDATE SET heartbeat = excluded.heartbeat
            """;

        // $1 this node, $2 the oldest heartbeat still alive, $3 now, $4 at least once, $5 abandoned.
        _settle = $"""
            WITH dead AS (
                SELECT r.job_id, r.first_run, r.run_count, r.node, r.attempt, r.delivery
                FROM {s}.gs_runs r
                WHERE r.ended_at IS NULL AND r.node <> $1
                  AND NOT EXISTS (SELECT 1 FROM {s}.gs_nodes n WHERE n.id = r.node AND n.heartbeat >= $2)
                ORDER BY r.job_id, r.first_run
                FOR UPDATE OF r SKIP LOCKED
            ),
            taken AS (
                UPDATE {s}.gs_runs r SET node = $1, attempt = r.attempt + 1, claimed_at = $3
                FROM dead d
                WHERE r.job_id = d.job_id AND r.first_run = d.first_run AND r.attempt = d.attempt
                  AND r.ended_at IS NULL AND d.delivery = $4
                RETURNING r.job_id, r.first_run, r.run_count, r.attempt, true AS taken_over, d.node AS dead_node
            ),
            abandoned AS (
                UPDATE {s}.gs_runs r SET ended_at = $3, outcome = $5
                FROM dead d
                WHERE r.job_id = d.job_id AND r.first_run = d.first_run AND r.attempt = d.attempt
                  AND r.ended_at IS NULL AND d.delivery <> $4
                RETURNING r.job_id, r.first_run, r.run_count, r.attempt, false AS taken_over, d.node AS dead_node
            ),
            last AS (
                SELECT DISTINCT ON (job_id) job_id, first_run FROM abandoned ORDER BY job_id, first_run DESC
            ),
            locked AS (
                SELECT j.id FROM {s}.gs_jobs j WHERE j.id IN (SELECT job_id FROM last) ORDER BY j.id FOR UPDATE
            ),
            recorded AS (
                UPDATE {s}.gs_jobs j SET last_run = a.first_run, last_outcome = $5
                FROM last a JOIN locked l ON l.id = a.job_id
                WHERE j.id = a.job_id
            )
            SELECT job_id, first_run, run_count, attempt, taken_over, dead_node FROM taken
            UNION ALL
            SELECT job_id, first_run, run_count, attempt, taken_over, dead_node FROM abandoned
            """;

        // In the same batch, after the settling: nodes long dead with nothing left open, and ended runs past keeping.
        _pruneNodes = $"DELETE FROM {s}.gs_nodes WHERE heartbeat < $1 AND id NOT IN (SELECT node FROM {s}.gs_runs WHERE ended_at IS NULL)";
        _pruneRuns = $"DELETE FROM {s}.gs_runs WHERE ended_at IS NOT NULL AND ended_at < $1";
        _leave = $"DELETE FROM {s}.gs_nodes WHERE id = $1";
    }

    public void Heartbeat(NpgsqlConnection connection, string node, long now)
    {
        using var command = new NpgsqlCommand(_heartbeat, connection);
        command.Parameters.Add(PostgreSqlJobRows.Parameter(node));
        command.Parameters.Add(PostgreSqlJobRows.Parameter(now));
        command.ExecuteNonQuery();
    }

    /// <summary>Settles and prunes in one batch: one round trip, one (implicit) transaction.</summary>
    public List<OrphanedRun> SettleOrphans(NpgsqlConnection connection, string node, long now, TimeSpan nodeTimeout)
    {
        long alive = now - nodeTimeout.Ticks;
        using var batch = new NpgsqlBatch(connection);
        var settle = new NpgsqlBatchCommand(_settle);
        settle.Parameters.Add(PostgreSqlJobRows.Parameter(node));
        settle.Parameters.Add(PostgreSqlJobRows.Parameter(alive));
        settle.Parameters.Add(PostgreSqlJobRows.Parameter(now));
        settle.Parameters.Add(PostgreSqlJobRows.Parameter((int)RunDelivery.AtLeastOnce));
        settle.Parameters.Add(PostgreSqlJobRows.Parameter((int)RunOutcome.Abandoned));
        batch.BatchCommands.Add(settle);
        var pruneNodes = new NpgsqlBatchCommand(_pruneNodes);
        pruneNodes.Parameters.Add(PostgreSqlJobRows.Parameter(alive));
        batch.BatchCommands.Add(pruneNodes);
        var pruneRuns = new NpgsqlBatchCommand(_pruneRuns);
        pruneRuns.Parameters.Add(PostgreSqlJobRows.Parameter(now - KeepEnded.Ticks));
        batch.BatchCommands.Add(pruneRuns);

        var settled = new List<OrphanedRun>();
        using var reader = batch.ExecuteReader();
        while (reader.Read())
        {
            settled.Add(new OrphanedRun(
                JobId: reader.GetString(0),
                FirstRun: new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
                RunCount: reader.GetInt32(2),
                Attempt: reader.GetInt32(3),
                TakenOver: reader.GetBoolean(4),
                DeadNode: reader.GetString(5)));
        }

        while (reader.NextResult())
        {
            // The prunes return no rows; reading on makes them run (and commit) before the reader closes.
        }

        return settled;
    }

    /// <summary>This node stops: its row goes, so nobody waits for its heartbeat. Its runs have all ended by then.</summary>
    public void Leave(NpgsqlConnection connection, string node)
    {
        using var command = new NpgsqlCommand(_leave, connection);
        command.Parameters.Add(PostgreSqlJobRows.Parameter(node));
        command.ExecuteNonQuery();
    }
}
