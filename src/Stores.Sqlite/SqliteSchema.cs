using Microsoft.Data.Sqlite;

namespace GenScheduler;

/// <summary>
/// The file's settings and tables. Instants are UTC ticks (100 ns since 0001-01-01), so comparisons are exact; the
/// schema's version is in <c>gs_schema</c>, and a file written by a newer GenScheduler is refused, never downgraded.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The schema this code reads and writes.</summary>
    public const int Version = 1;

    private const string CreateV1 = """
        CREATE TABLE gs_jobs (
            id           TEXT    NOT NULL PRIMARY KEY,
            target       TEXT,
            trigger      TEXT,
            options      TEXT,
            fingerprint  TEXT,
            next_run     INTEGER,
            origin       INTEGER NOT NULL,
            paused       INTEGER NOT NULL,
            last_run     INTEGER,
            last_outcome INTEGER,
            version      INTEGER NOT NULL,
            deleted      INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX gs_jobs_by_version ON gs_jobs (version);
        CREATE TABLE gs_runs (
            job_id     TEXT    NOT NULL,
            first_run  INTEGER NOT NULL,
            run_count  INTEGER NOT NULL,
            node       TEXT    NOT NULL,
            attempt    INTEGER NOT NULL,
            delivery   INTEGER NOT NULL,
            claimed_at INTEGER NOT NULL,
            ended_at   INTEGER,
            outcome    INTEGER,
            PRIMARY KEY (job_id, first_run)
        );
        CREATE INDEX gs_runs_open ON gs_runs (node) WHERE ended_at IS NULL;
        CREATE TABLE gs_nodes (
            id        TEXT    NOT NULL PRIMARY KEY,
            heartbeat INTEGER NOT NULL,
            started   INTEGER NOT NULL
        );
        """;

    /// <summary>WAL, durable commits, and the tables at this version, in one immediate transaction.</summary>
    /// <exception cref="JobStoreException">The file's schema is newer than this code's.</exception>
    public static void Prepare(SqliteConnection connection, string name)
    {
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = OFF;");
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, "CREATE TABLE IF NOT EXISTS gs_schema (version INTEGER NOT NULL)", transaction);
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT max(version) FROM gs_schema";
        var found = read.ExecuteScalar();
        int version = found is long v ? (int)v : 0;
        if (version > Version)
        {
            throw new JobStoreException(
                $"Job store {name}: the file's schema is version {version}, newer than this GenScheduler's ({Version}). " +
                "It was written by a newer GenScheduler: upgrade this one, or give it another file.") { Store = name };
        }

        if (version < 1)
        {
            Execute(connection, CreateV1, transaction);
            Execute(connection, $"DELETE FROM gs_schema; INSERT INTO gs_schema (version) VALUES ({Version})", transaction);
        }

        // Later versions migrate here, one step at a time: if (version < 2) { ... }.
        transaction.Commit();
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
