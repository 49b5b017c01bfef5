using System;
using System.Text.RegularExpressions;
using Npgsql;

namespace GenScheduler;

/// <summary>
/// The store's tables in a schema of their own, created and migrated at <see cref="IJobStore.Open"/>. The schema's
/// version is in <c>gs_schema</c>; a schema written by a newer GenScheduler is refused, never downgraded.
/// </summary>
/// <remarks>
/// Instants are <c>bigint</c> UTC ticks (100 ns since 0001-01-01), like the SQLite store's, not <c>timestamptz</c>: that
/// has microsecond precision, and the claim compares the due instant exactly, so a tick lost in a round trip would
/// make every claim of that job lose. Job rows carry a <c>version</c> from the sequence <c>gs_versions</c>, raised by
/// saves, deletes and proposals (never by claims or completions): what <see cref="IJobStore.ReadChanges"/> reads after.
/// </remarks>
internal sealed partial class PostgreSqlSchema
{
    /// <summary>The schema this code reads and writes.</summary>
    public const int Version = 1;

    /// <summary>The first key of the advisory locks this store takes; the second is the schema's hash.</summary>
    private const int LockClass = 0x4753_0000;

    public PostgreSqlSchema(string name)
    {
        if (!Identifier().IsMatch(name))
        {
            throw new ArgumentException(
                $"The schema name \"{name}\" is not one the store can use: it must be 1 to 63 ASCII letters, digits or underscores, not starting with a digit.",
                nameof(name));
        }

        Name = name;
        Quoted = $"\"{name}\"";
    }

    /// <summary>The schema's name, which is also the NOTIFY channel of its changes.</summary>
    public string Name { get; }

    /// <summary>The schema's name as an SQL identifier, to put before a table's name.</summary>
    public string Quoted { get; }

    /// <summary>The advisory lock that serializes first-time creation and migrations of this schema, held to the end of the transaction.</summary>
    public string SchemaLock => $"SELECT pg_advisory_xact_lock({LockClass}, hashtext('{Name}'))";

    /// <summary>
    /// The advisory lock that every write raising a version holds to its commit, so that versions become visible in
    /// the order they were drawn: a reader that has seen version 6 can never later find a 5 committed behind it.
    /// Claims and completions do not take it.
    /// </summary>
    public string VersionLock => $"SELECT pg_advisory_xact_lock({LockClass + 1}, hashtext('{Name}'))";

    /// <summary>The expression that draws the next row version.</summary>
    public string NextVersion => $"nextval('{Quoted}.gs_versions')";

    private string CreateV1 => $"""
        CREATE SEQUENCE {Quoted}.gs_versions;
        CREATE TABLE {Quoted}.gs_jobs (
            id           text    NOT NULL PRIMARY KEY,
            target       text,
            trigger      text,
            options      text,
            fingerprint  text,
            next_run     bigint,
            origin       bigint  NOT NULL,
            paused       boolean NOT NULL,
            last_run     bigint,
            last_outcome integer,
            version      bigint  NOT NULL,
            deleted      boolean NOT NULL DEFAULT false
        );
        CREATE INDEX gs_jobs_by_version ON {Quoted}.gs_jobs (version);
        CREATE TABLE {Quoted}.gs_runs (
            job_id     text    NOT NULL,
            first_run  bigint  NOT NULL,
            run_count  integer NOT NULL,
            node       text    NOT NULL,
            attempt    integer NOT NULL,
            delivery   integer NOT NULL,
            claimed_at bigint  NOT NULL,
            ended_at   bigint,
            outcome    integer,
            PRIMARY KEY (job_id, first_run)
        );
        CREATE INDEX gs_runs_open ON {Quoted}.gs_runs (node) WHERE ended_at IS NULL;
        CREATE TABLE {Quoted}.gs_nodes (
            id        text   NOT NULL PRIMARY KEY,
            heartbeat bigint NOT NULL,
            started   bigint NOT NULL
        );
        """;

    /// <summary>
    /// Creates the schema and its tables, or migrates them, in one transaction under <see cref="SchemaLock"/>, so that
    /// several nodes starting at once on an empty database create them once.
    /// </summary>
    /// <exception cref="JobStoreException">The schema is newer than this code's.</exception>
    public void Prepare(NpgsqlConnection connection, string store)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, SchemaLock);
        bool schemaExists = Scalar(connection, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname::text = $1)", Name) is true;
        bool tableExists = schemaExists
            && Scalar(connection, "SELECT to_regclass(format('%I.gs_schema', $1::text)) IS NOT NULL", Name) is true;
        int version = 0;
        if (tableExists)
        {
            version = Scalar(connection, $"SELECT max(version) FROM {Quoted}.gs_schema", null) is int v ? v : 0;
        }

        if (version > Version)
        {
            throw new JobStoreException(
                $"Job store {store}: the schema \"{Name}\" is at version {version}, newer than this GenScheduler's ({Version}). " +
                "It was written by a newer GenScheduler: upgrade this one, or give it another schema.") { Store = store };
        }

        if (!schemaExists)
        {
            // Only when missing: a schema made beforehand by an administrator needs no CREATE right on the database.
            Execute(connection, $"CREATE SCHEMA {Quoted}");
        }

        if (!tableExists)
        {
            Execute(connection, $"CREATE TABLE {Quoted}.gs_schema (version integer NOT NULL)");
        }

        if (version < 1)
        {
            Execute(connection, CreateV1);
            Execute(connection, $"DELETE FROM {Quoted}.gs_schema; INSERT INTO {Quoted}.gs_schema (version) VALUES ({Version})");
        }

        // Later versions migrate here, one step at a time: if (version < 2) { ... }.
        transaction.Commit();
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(NpgsqlConnection connection, string sql, string? argument)
    {
        using var command = new NpgsqlCommand(sql, connection);
        if (argument is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = argument });
        }

        return command.ExecuteScalar();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
