using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace GenScheduler;

/// <summary>
/// A job store in one SQLite file: the embedded way to keep next run times, pauses, reschedules and jobs added by target
/// across restarts. Several schedulers (processes) may share the file: every fire is a compare-and-swap on the job's next
/// run time inside a <c>BEGIN IMMEDIATE</c> transaction, so each occurrence starts once, in whichever got there first.
/// </summary>
/// <remarks>
/// The file is opened in WAL mode with <c>synchronous=FULL</c>, so a commit is on disk when it returns, and a five-second
/// busy timeout lets schedulers sharing the file wait for each other's short writes. Pass it to
/// <see cref="SchedulerOptions.Store"/>; the scheduler opens it at start and disposes it when it stops.
/// </remarks>
public sealed class SqliteJobStore : IJobStore
{
    private readonly string _connectionString;
    private SqliteConnection? _connection;
    private SqliteJobRows? _jobs;
    private SqliteRuns? _runs;
    private JobStoreSession? _session;

    /// <summary>Creates a store on a SQLite file, created at start if it does not exist.</summary>
    /// <param name="path">The file, such as <c>"jobs.db"</c>; relative to the current directory.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public SqliteJobStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString();
        Name = $"SQLite {System.IO.Path.GetFileName(Path)}";
    }

    /// <summary>The full path of the file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public void Open(JobStoreSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_connection is not null)
        {
            return;
        }

        string? folder = System.IO.Path.GetDirectoryName(Path);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw Failure($"its folder {folder} does not exist", null);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            SqliteSchema.Prepare(connection, Name);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Failure(Describe(e), e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _connection = connection;
        _session = session;
        _jobs = new SqliteJobRows(connection);
        _runs = new SqliteRuns(connection, session);
        Run(() => _runs.Heartbeat());
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredJob> LoadJobs() => Run(() => Jobs.Load());

    /// <inheritdoc />
    public IReadOnlyList<StoredJob> ProposeJobs(IReadOnlyList<StoredJob> jobs) => Run(() => Jobs.Propose(jobs));

    /// <inheritdoc />
    public void SaveJob(StoredJob job) => Run(() => Jobs.Save(job));

    /// <inheritdoc />
    public void DeleteJob(string id) => Run(() => Jobs.Delete(id));

    /// <inheritdoc />
    public void Claim(IReadOnlyList<FireClaim> claims) => Run(() => Runs.Claim(claims, Jobs));

    /// <inheritdoc />
    public void Complete(IReadOnlyList<RunCompletion> runs) => Run(() => Runs.Complete(runs));

    /// <inheritdoc />
    public IReadOnlyList<StoredJob> ReadChanges(long afterVersion) => Run(() => Jobs.Changes(afterVersion));

    /// <inheritdoc />
    public void Heartbeat() => Run(() => Runs.Heartbeat());

    /// <inheritdoc />
    public IReadOnlyList<OrphanedRun> SettleOrphans() => Run(() => Runs.SettleOrphans());

    /// <inheritdoc />
    /// <remarks>SQLite cannot tell one process of another's writes; other schedulers' changes are read every third of the node timeout.</remarks>
    public bool WaitForChange(TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.WaitHandle.WaitOne(timeout);
        cancellationToken.ThrowIfCancellationRequested();
        return false;
    }

    /// <summary>Leaves the file (this scheduler's node row goes, since its runs have ended) and closes it.</summary>
    public void Dispose()
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            _runs?.Leave();
        }
        catch (SqliteException)
        {
            // Leaving is a courtesy: a node that did not leave is simply found dead after the timeout.
        }

        _connection.Dispose();
        _connection = null;
    }

    private SqliteJobRows Jobs => _jobs ?? throw NotOpen();

    private SqliteRuns Runs => _runs ?? throw NotOpen();

    private T Run<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException e)
        {
            throw Failure(Describe(e), e);
        }
    }

    private void Run(Action action) => Run(() =>
    {
        action();
        return 0;
    });

    private InvalidOperationException NotOpen() => new($"{Name} is not open: the scheduler opens its store when it starts.");

    private JobStoreException Failure(string cause, Exception? inner) =>
        inner is null
            ? new JobStoreException($"Job store {Name} ({Path}): {cause}.") { Store = Name }
            : new JobStoreException($"Job store {Name} ({Path}): {cause}.", inner) { Store = Name };

    private static string Describe(SqliteException e) => e.SqliteErrorCode switch
    {
        26 => "the file is not a SQLite database (SQLITE_NOTADB); it is corrupt or another kind of file. Move it away and the store starts afresh, or restore a backup",
        11 => $"the database is corrupt (SQLITE_CORRUPT: {e.Message}). Restore a backup, or move the file away to start afresh",
        5 => $"the file stayed locked by another process for longer than the busy timeout (SQLITE_BUSY: {e.Message})",
        14 => $"the file cannot be opened (SQLITE_CANTOPEN: {e.Message}); check the path and its permissions",
        8 => $"the file is read-only (SQLITE_READONLY: {e.Message})",
        _ => $"SQLite error {e.SqliteErrorCode}: {e.Message}",
    };
}
