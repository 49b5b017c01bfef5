using System;
using System.Collections.Generic;
using Npgsql;

namespace GenScheduler;

/// <summary>
/// The <c>gs_jobs</c> table: jobs as rows, the versions that tell the nodes what changed, and the NOTIFY that tells
/// them at once. Each write is one batch: one round trip and one (implicit) transaction, which holds
/// <see cref="PostgreSqlSchema.VersionLock"/> and sends the notification when it commits.
/// </summary>
internal sealed class PostgreSqlJobRows
{
    /// <summary>The columns of a row, in the order <see cref="Read"/> reads them.</summary>
    public const string Columns = "id, target, trigger, options, fingerprint, next_run, origin, paused, last_run, last_outcome, version, deleted";

    /// <summary>How many columns <see cref="Columns"/> has.</summary>
    public const int ColumnCount = 12;

    /// <summary>The proposed or saved rows as a table, from the eight arrays <see cref="BindRows"/> adds after <c>$first</c>.</summary>
    private const string RowsFrom = """
        unnest({0}::text[], {1}::text[], {2}::text[], {3}::text[], {4}::text[], {5}::bigint[], {6}::bigint[], {7}::boolean[])
            WITH ORDINALITY AS p(id, target, trigger, options, fingerprint, next_run, origin, paused, n)
        """;

    private readonly PostgreSqlSchema _schema;
    private readonly string _load;
    private readonly string _changes;
    private readonly string _propose;
    private readonly string _save;
    private readonly string _delete;
    private readonly string _notify;
    private readonly string _find;

    public PostgreSqlJobRows(PostgreSqlSchema schema)
    {
        _schema = schema;
        string s = schema.Quoted;
        string rows = string.Format(System.Globalization.CultureInfo.InvariantCulture, RowsFrom, "$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8");
        _load = $"SELECT {Columns} FROM {s}.gs_jobs WHERE NOT deleted ORDER BY id";
        _changes = $"SELECT {Columns} FROM {s}.gs_jobs WHERE version > $1 ORDER BY version";

        // Inserts missing (or deleted) rows; replaces rows whose fingerprint differs, keeping their pause (a paused row
        // stays without a next run) and last run; leaves the rest. A notification only when a row was written.
        _propose = $"""
            WITH written AS (
                INSERT INTO {s}.gs_jobs AS g (id, target, trigger, options, fingerprint, next_run, origin, paused, version, deleted)
                SELECT DISTINCT ON (p.id) p.id, p.target, p.trigger, p.options, p.fingerprint, p.next_run, p.origin, p.paused, {schema.NextVersion}, false
                FROM {rows}
                ORDER BY p.id, p.n DESC
                ON CONFLICT (id) DO UPDATE SET
                    target = excluded.target, trigger = excluded.trigger, options = excluded.options,
                    fingerprint = excluded.fingerprint,
                    next_run = CASE WHEN g.paused AND NOT g.deleted THEN NULL ELSE excluded.next_run END,
                    origin = excluded.origin, version = excluded.version,
                    paused = CASE WHEN g.deleted THEN excluded.paused ELSE g.paused END,
                    deleted = false
                WHERE g.deleted OR g.fingerprint IS DISTINCT FROM excluded.fingerprint
                RETURNING 1
            )
            SELECT pg_notify($9, $10) FROM (SELECT 1 FROM written LIMIT 1) w
            """;
        _save = $"""
            INSERT INTO {s}.gs_jobs AS g (id, target, trigger, options, fingerprint, next_run, origin, paused, version, deleted)
            SELECT p.id, p.target, p.trigger, p.options, p.fingerprint, p.next_run, p.origin, p.paused, {schema.NextVersion}, false
            FROM {rows}
            ON CONFLICT (id) DO UPDATE SET
                target = excluded.target, trigger = excluded.trigger, options = excluded.options, fingerprint = excluded.fingerprint,
                next_run = excluded.next_run, origin = excluded.origin, paused = excluded.paused, version = excluded.version, deleted = false
            """;
        _delete = $"""
            WITH gone AS (
                UPDATE {s}.gs_jobs SET deleted = true, next_run = NULL, version = {schema.NextVersion}
                WHERE id = $1 AND NOT deleted
                RETURNING 1
            )
            SELECT pg_notify($2, $3) FROM (SELECT 1 FROM gone LIMIT 1) w
            """;
        _notify = "SELECT pg_notify($1, $2)";
        _find = $"SELECT {Columns} FROM {s}.gs_jobs WHERE id = ANY($1) ORDER BY id";
    }

    public List<StoredJob> Load(NpgsqlConnection connection) => Query(connection, _load, null);

    public List<StoredJob> Changes(NpgsqlConnection connection, long afterVersion) =>
        Query(connection, _changes, c => c.Parameters.Add(Parameter(afterVersion)));

    /// <summary>Writes the proposed rows and reads them back as stored, in one batch.</summary>
    public List<StoredJob> Propose(NpgsqlConnection connection, IReadOnlyList<StoredJob> jobs, string payload)
    {
        using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(_schema.VersionLock));
        var write = new NpgsqlBatchCommand(_propose);
        string[] ids = BindRows(write.Parameters, jobs);
        write.Parameters.Add(Parameter(_schema.Name));
        write.Parameters.Add(Parameter(payload));
        batch.BatchCommands.Add(write);
        var read = new NpgsqlBatchCommand(_find);
        read.Parameters.Add(Parameter(ids));
        batch.BatchCommands.Add(read);

        using var reader = batch.ExecuteReader();
        reader.NextResult();
        reader.NextResult();
        var stored = new List<StoredJob>(jobs.Count);
        while (reader.Read())
        {
            stored.Add(Read(reader, 0));
        }

        return stored;
    }

    public void Save(NpgsqlConnection connection, StoredJob job, string payload)
    {
        using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(_schema.VersionLock));
        var write = new NpgsqlBatchCommand(_save);
        BindRows(write.Parameters, [job]);
        batch.BatchCommands.Add(write);
        var notify = new NpgsqlBatchCommand(_notify);
        notify.Parameters.Add(Parameter(_schema.Name));
        notify.Parameters.Add(Parameter(payload));
        batch.BatchCommands.Add(notify);
        batch.ExecuteNonQuery();
    }

    public void Delete(NpgsqlConnection connection, string id, string payload)
    {
        using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(_schema.VersionLock));
        var write = new NpgsqlBatchCommand(_delete);
        write.Parameters.Add(Parameter(id));
        write.Parameters.Add(Parameter(_schema.Name));
        write.Parameters.Add(Parameter(payload));
        batch.BatchCommands.Add(write);
        batch.ExecuteNonQuery();
    }

    /// <summary>A typed positional parameter (<c>$1</c>, <c>$2</c>, …, in the order added); no reflection, so AOT safe.</summary>
    public static NpgsqlParameter<T> Parameter<T>(T value) => new() { TypedValue = value };

    public static long? Ticks(DateTimeOffset? instant) => instant?.UtcTicks;

    public static DateTimeOffset? Instant(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero);

    /// <summary>Reads a row of <see cref="Columns"/> starting at <paramref name="offset"/>.</summary>
    public static StoredJob Read(NpgsqlDataReader r, int offset) => new()
    {
        Id = r.GetString(offset),
        Target = r.IsDBNull(offset + 1) ? null : r.GetString(offset + 1),
        Trigger = r.IsDBNull(offset + 2) ? null : r.GetString(offset + 2),
        Options = r.IsDBNull(offset + 3) ? null : r.GetString(offset + 3),
        Fingerprint = r.IsDBNull(offset + 4) ? null : r.GetString(offset + 4),
        NextRunTime = Instant(r, offset + 5),
        Origin = new DateTimeOffset(r.GetInt64(offset + 6), TimeSpan.Zero),
        Paused = r.GetBoolean(offset + 7),
        LastRunTime = Instant(r, offset + 8),
        LastOutcome = r.IsDBNull(offset + 9) ? null : (RunOutcome)r.GetInt32(offset + 9),
        Version = r.GetInt64(offset + 10),
        Deleted = r.GetBoolean(offset + 11),
    };

    /// <summary>Adds the eight column arrays of <see cref="RowsFrom"/> as <c>$1</c> to <c>$8</c>; returns the ids.</summary>
    private static string[] BindRows(NpgsqlParameterCollection parameters, IReadOnlyList<StoredJob> jobs)
    {
        int count = jobs.Count;
        var ids = new string[count];
        var targets = new string?[count];
        var triggers = new string?[count];
        var options = new string?[count];
        var fingerprints = new string?[count];
        var next = new long?[count];
        var origins = new long[count];
        var paused = new bool[count];
        for (int i = 0; i < count; i++)
        {
            var job = jobs[i];
            ArgumentNullException.ThrowIfNull(job);
            ids[i] = job.Id;
            targets[i] = job.Target;
            triggers[i] = job.Trigger;
            options[i] = job.Options;
            fingerprints[i] = job.Fingerprint;
            next[i] = Ticks(job.NextRunTime);
            origins[i] = job.Origin.UtcTicks;
            paused[i] = job.Paused;
        }

        parameters.Add(Parameter(ids));
        parameters.Add(Parameter(targets));
        parameters.Add(Parameter(triggers));
        parameters.Add(Parameter(options));
        parameters.Add(Parameter(fingerprints));
        parameters.Add(Parameter(next));
        parameters.Add(Parameter(origins));
        parameters.Add(Parameter(paused));
        return ids;
    }

    private static List<StoredJob> Query(NpgsqlConnection connection, string sql, Action<NpgsqlCommand>? bind)
    {
        using var command = new NpgsqlCommand(sql, connection);
        bind?.Invoke(command);
        using var reader = command.ExecuteReader();
        var rows = new List<StoredJob>();
        while (reader.Read())
        {
            rows.Add(Read(reader, 0));
        }

        return rows;
    }
}
