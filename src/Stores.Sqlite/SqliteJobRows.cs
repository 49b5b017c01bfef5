using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace GenScheduler;

/// <summary>The <c>gs_jobs</c> table: jobs as rows, and the version that tells schedulers sharing the file what changed.</summary>
internal sealed class SqliteJobRows
{
    private const string Columns = "id, target, trigger, options, fingerprint, next_run, origin, paused, last_run, last_outcome, version, deleted";

    private readonly SqliteConnection _connection;

    public SqliteJobRows(SqliteConnection connection) => _connection = connection;

    public List<StoredJob> Load() => Query($"SELECT {Columns} FROM gs_jobs WHERE deleted = 0 ORDER BY id", null);

    public List<StoredJob> Changes(long afterVersion) =>
        Query($"SELECT {Columns} FROM gs_jobs WHERE version > $after ORDER BY version", c => c.Parameters.AddWithValue("$after", afterVersion));

    /// <summary>Inserts missing (or deleted) rows, replaces rows whose fingerprint differs keeping their pause and last run, leaves the rest.</summary>
    public List<StoredJob> Propose(IReadOnlyList<StoredJob> jobs)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        long version = NextVersion(transaction);
        using var write = Command(transaction, """
            INSERT INTO gs_jobs (id, target, trigger, options, fingerprint, next_run, origin, paused, version, deleted)
            VALUES ($id, $target, $trigger, $options, $fingerprint, $next, $origin, $paused, $version, 0)
            ON CONFLICT (id) DO UPDATE SET
                target = excluded.target, trigger = excluded.trigger, options = excluded.options,
                fingerprint = excluded.fingerprint, next_run = CASE WHEN gs_jobs.paused = 1 AND gs_jobs.deleted = 0 THEN NULL ELSE excluded.next_run END,
                origin = excluded.origin, version = excluded.version,
                paused = CASE WHEN gs_jobs.deleted = 1 THEN excluded.paused ELSE gs_jobs.paused END,
                deleted = 0
            WHERE gs_jobs.deleted = 1 OR gs_jobs.fingerprint IS NOT excluded.fingerprint
            """);
        var ids = new List<string>(jobs.Count);
        foreach (var job in jobs)
        {
            Bind(write, job, version);
            write.ExecuteNonQuery();
            ids.Add(job.Id);
        }

        var stored = new List<StoredJob>(ids.Count);
        using var read = Command(transaction, $"SELECT {Columns} FROM gs_jobs WHERE id = $id");
        var id = read.Parameters.Add("$id", SqliteType.Text);
        foreach (var key in ids)
        {
            id.Value = key;
            using var reader = read.ExecuteReader();
            if (reader.Read())
            {
                stored.Add(Read(reader));
            }
        }

        transaction.Commit();
        return stored;
    }

    public void Save(StoredJob job)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        using var write = Command(transaction, """
            INSERT INTO gs_jobs (id, target, trigger, options, fingerprint, next_run, origin, paused, version, deleted)
            VALUES ($id, $target, $trigger, $options, $fingerprint, $next, $origin, $paused, $version, 0)
            ON CONFLICT (id) DO UPDATE SET
                target = excluded.target, trigger = excluded.trigger, options = excluded.options, fingerprint = excluded.fingerprint,
                next_run = excluded.next_run, origin = excluded.origin, paused = excluded.paused, version = excluded.version, deleted = 0
            """);
        Bind(write, job, NextVersion(transaction));
        write.ExecuteNonQuery();
        transaction.Commit();
    }

    public void Delete(string id)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        using var write = Command(transaction, "UPDATE gs_jobs SET deleted = 1, next_run = NULL, version = $version WHERE id = $id AND deleted = 0");
        write.Parameters.AddWithValue("$id", id);
        write.Parameters.AddWithValue("$version", NextVersion(transaction));
        write.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>One row by id, inside the caller's transaction; <see langword="null"/> when there is none or it is deleted.</summary>
    public StoredJob? Find(SqliteCommand read)
    {
        using var reader = read.ExecuteReader();
        return reader.Read() && Read(reader) is { Deleted: false } row ? row : null;
    }

    /// <summary>A command that reads one row by <c>$id</c>, for <see cref="Find"/>.</summary>
    public SqliteCommand FindCommand(SqliteTransaction transaction) => Command(transaction, $"SELECT {Columns} FROM gs_jobs WHERE id = $id");

    public static long? Ticks(DateTimeOffset? instant) => instant?.UtcTicks;

    public static DateTimeOffset? Instant(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero);

    private long NextVersion(SqliteTransaction transaction)
    {
        using var command = Command(transaction, "SELECT coalesce(max(version), 0) + 1 FROM gs_jobs");
        return (long)command.ExecuteScalar()!;
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private List<StoredJob> Query(string sql, Action<SqliteCommand>? bind)
    {
        using var command = Command(null, sql);
        bind?.Invoke(command);
        using var reader = command.ExecuteReader();
        var rows = new List<StoredJob>();
        while (reader.Read())
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private static void Bind(SqliteCommand command, StoredJob job, long version)
    {
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$id", job.Id);
        command.Parameters.AddWithValue("$target", (object?)job.Target ?? DBNull.Value);
        command.Parameters.AddWithValue("$trigger", (object?)job.Trigger ?? DBNull.Value);
        command.Parameters.AddWithValue("$options", (object?)job.Options ?? DBNull.Value);
        command.Parameters.AddWithValue("$fingerprint", (object?)job.Fingerprint ?? DBNull.Value);
        command.Parameters.AddWithValue("$next", (object?)Ticks(job.NextRunTime) ?? DBNull.Value);
        command.Parameters.AddWithValue("$origin", job.Origin.UtcTicks);
        command.Parameters.AddWithValue("$paused", job.Paused ? 1 : 0);
        command.Parameters.AddWithValue("$version", version);
    }

    private static StoredJob Read(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Target = r.IsDBNull(1) ? null : r.GetString(1),
        Trigger = r.IsDBNull(2) ? null : r.GetString(2),
        Options = r.IsDBNull(3) ? null : r.GetString(3),
        Fingerprint = r.IsDBNull(4) ? null : r.GetString(4),
        NextRunTime = Instant(r, 5),
        Origin = new DateTimeOffset(r.GetInt64(6), TimeSpan.Zero),
        Paused = r.GetInt64(7) != 0,
        LastRunTime = Instant(r, 8),
        LastOutcome = r.IsDBNull(9) ? null : (RunOutcome)r.GetInt32(9),
        Version = r.GetInt64(10),
        Deleted = r.GetInt64(11) != 0,
    };
}
