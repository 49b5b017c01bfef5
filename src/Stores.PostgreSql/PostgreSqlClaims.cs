using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;

namespace GenScheduler;

/// <summary>
/// Fires and their ends: the compare-and-swap on a job's next run time that gives each occurrence to one node, the
/// <c>gs_runs</c> record keyed by (job, first run) that a second start of the same occurrence collides with, and the
/// completion that only a run's current attempt may record. A whole batch is one statement: one round trip, one commit.
/// </summary>
/// <remarks>
/// No node holds a lock beyond its own statement, and none is a leader: the database referees. Both statements lock
/// the job rows they touch in id order first (<c>ORDER BY id FOR UPDATE</c>), so two nodes' batches over the same
/// jobs wait for each other instead of deadlocking. In READ COMMITTED, a row another node changed while this statement
/// waited is re-read before the compare, and the locking read returns the row as committed now: what a lost claim reports.
/// </remarks>
internal sealed class PostgreSqlClaims
{
    private readonly string _claim;
    private readonly string _complete;

    public PostgreSqlClaims(PostgreSqlSchema schema)
    {
        string s = schema.Quoted;
        _claim = $"""
            WITH c AS (
                SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::integer[], $6::integer[])
                    WITH ORDINALITY AS c(id, due, next, first_run, run_count, delivery, n)
            ),
            locked AS (
                SELECT j.* FROM {s}.gs_jobs j WHERE j.id = ANY($1) ORDER BY j.id FOR UPDATE
            ),
            advanced AS (
                UPDATE {s}.gs_jobs j SET next_run = c.next
                FROM c JOIN locked l ON l.id = c.id
                WHERE j.id = c.id AND j.next_run = c.due AND NOT j.paused AND NOT j.deleted
                RETURNING c.n, {Prefixed("j")}
            ),
            recorded AS (
                INSERT INTO {s}.gs_runs (job_id, first_run, run_count, node, attempt, delivery, claimed_at)
                SELECT c.id, c.first_run, c.run_count, $7, 1, c.delivery, $8
                FROM advanced a JOIN c ON c.n = a.n
                WHERE c.first_run IS NOT NULL
                ON CONFLICT (job_id, first_run) DO NOTHING
                RETURNING job_id, first_run
            )
            SELECT a.n, {Prefixed("a")}
            FROM advanced a JOIN c ON c.n = a.n
            WHERE c.first_run IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM recorded r WHERE r.job_id = c.id AND r.first_run = c.first_run)
            UNION ALL
            SELECT c.n, {Prefixed("l")}
            FROM c LEFT JOIN locked l ON l.id = c.id
            WHERE NOT EXISTS (SELECT 1 FROM advanced a WHERE a.n = c.n)
            """;

        // A run's end counts when its record is this node's current attempt, or when it has no record at all (a run
        // made outside a fire: run now, run on start). The job's last run is the batch's last counted end per job.
        _complete = $"""
            WITH c AS (
                SELECT * FROM unnest($1::text[], $2::bigint[], $3::integer[], $4::integer[], $5::bigint[], $6::bigint[])
                    WITH ORDINALITY AS c(id, first_run, attempt, outcome, last_run, ended_at, n)
            ),
            ended AS (
                UPDATE {s}.gs_runs r SET ended_at = c.ended_at, outcome = c.outcome
                FROM c
                WHERE r.job_id = c.id AND r.first_run = c.first_run AND r.attempt = c.attempt AND r.node = $7 AND r.ended_at IS NULL
                RETURNING c.n
            ),
            counted AS (
                SELECT DISTINCT ON (c.id) c.id, c.outcome, c.last_run
                FROM c
                WHERE c.n IN (SELECT n FROM ended)
                   OR NOT EXISTS (SELECT 1 FROM {s}.gs_runs r WHERE r.job_id = c.id AND r.first_run = c.first_run)
                ORDER BY c.id, c.n DESC
            ),
            locked AS (
                SELECT j.id FROM {s}.gs_jobs j WHERE j.id IN (SELECT id FROM counted) ORDER BY j.id FOR UPDATE
            )
            UPDATE {s}.gs_jobs j SET last_run = k.last_run, last_outcome = k.outcome
            FROM counted k JOIN locked l ON l.id = k.id
            WHERE j.id = k.id
            """;
    }

    /// <summary>Decides every claim in one statement; each claim is <see cref="ClaimOutcome.Won"/> unless the statement returns it as lost.</summary>
    public void Claim(NpgsqlConnection connection, IReadOnlyList<FireClaim> claims, string node, long now)
    {
        int count = claims.Count;
        var ids = new string[count];
        var due = new long[count];
        var next = new long?[count];
        var first = new long?[count];
        var runs = new int[count];
        var delivery = new int[count];
        for (int i = 0; i < count; i++)
        {
            var claim = claims[i];
            ArgumentNullException.ThrowIfNull(claim);
            ids[i] = claim.JobId;
            due[i] = claim.Due.UtcTicks;
            next[i] = PostgreSqlJobRows.Ticks(claim.Next);
            first[i] = PostgreSqlJobRows.Ticks(claim.FirstRun);
            runs[i] = claim.RunCount;
            delivery[i] = (int)claim.Delivery;
        }

        using var command = new NpgsqlCommand(_claim, connection);
        command.Parameters.Add(PostgreSqlJobRows.Parameter(ids));
        command.Parameters.Add(PostgreSqlJobRows.Parameter(due));
        command.Parameters.Add(PostgreSqlJobRows.Parameter(next));
        command.Parameters.Add(PostgreSqlJobRows.Parameter(first));
        command.Parameters.Add(PostgreSqlJobRows.Parameter(runs));
        command.Parameters.Add(PostgreSqlJobRows.Parameter(delivery));
        command.Parameters.Add(PostgreSqlJobRows.Parameter(node));
        command.Parameters.Add(PostgreSqlJobRows.Parameter(now));

        var lost = new List<(int Index, StoredJob? Current)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                int index = checked((int)reader.GetInt64(0) - 1);
                StoredJob? current = reader.IsDBNull(1) ? null : PostgreSqlJobRows.Read(reader, 1);
                lost.Add((index, current is { Deleted: false } ? current : null));
            }
        }

        // Only once the statement has answered in full: a claim is never left half decided.
        foreach (var claim in claims)
        {
            claim.Outcome = ClaimOutcome.Won;
            claim.Current = null;
        }

        foreach (var (index, current) in lost)
        {
            claims[index].Outcome = ClaimOutcome.Lost;
            claims[index].Current = current;
        }
    }

    public void Complete(NpgsqlConnection connection, IReadOnlyList<RunCompletion> completions, string node)
    {
        int count = completions.Count;
        var ids = new string[count];
        var first = new long[count];
        var attempts = new int[count];
        var outcomes = new int[count];
        var last = new long[count];
        var ended = new long[count];
        for (int i = 0; i < count; i++)
        {
            var run = completions[i];
            ArgumentNullException.ThrowIfNull(run.JobId);
            ids[i] = run.JobId;
            first[i] = run.FirstRun.UtcTicks;
            attempts[i] = run.Attempt;
            outcomes[i] = (int)run.Outcome;
            last[i] = run.LastRunTime.UtcTicks;
            ended[i] = run.EndedAt.UtcTicks;
        }

        using var command = new NpgsqlCommand(_complete, connection);
        command.Parameters.Add(PostgreSqlJobRows.Parameter(ids));
        command.Parameters.Add(PostgreSqlJobRows.Parameter(first));
        command.Parameters.Add(PostgreSqlJobRows.Parameter(attempts));
        command.Parameters.Add(PostgreSqlJobRows.Parameter(outcomes));
        command.Parameters.Add(PostgreSqlJobRows.Parameter(last));
        command.Parameters.Add(PostgreSqlJobRows.Parameter(ended));
        command.Parameters.Add(PostgreSqlJobRows.Parameter(node));
        command.ExecuteNonQuery();
    }

    /// <summary>The row's columns read from <paramref name="alias"/>, in <see cref="PostgreSqlJobRows.Columns"/>' order.</summary>
    private static string Prefixed(string alias) =>
        string.Join(", ", PostgreSqlJobRows.Columns.Split(", ").Select(column => $"{alias}.{column}"));
}
