using System;
using System.Collections.Generic;
using System.Data;
using System.Threading;
using Npgsql;

namespace GenScheduler;

/// <summary>
/// A job store in a PostgreSQL database, which several schedulers (processes, machines) share: each occurrence of a
/// job starts on one of them, refereed by the database with a compare-and-swap on the job's next run time, with no
/// leader and no lock held between statements. A change made on one node reaches the others at once by LISTEN/NOTIFY.
/// </summary>
/// <remarks>
/// <para>The tables live in a schema of their own (<see cref="DefaultSchema"/> unless another is given), created or
/// migrated when the scheduler opens the store. A database whose schema a newer GenScheduler wrote is refused.</para>
/// <para>Timeouts are short, so an outage cannot hold the firing loop for long: a connect timeout of 5 s and a command
/// timeout of 10 s, where the connection string leaves Npgsql's defaults (15 s and 30 s). Every failure to reach or use the server is a
/// <see cref="JobStoreException"/> naming the store and the cause; the scheduler retries, and once the server is back
/// the store works again by itself (the pool drops broken connections and makes new ones).</para>
/// <para>Built on <see cref="NpgsqlSlimDataSourceBuilder"/>, so Native AOT safe. Pass it to <see cref="SchedulerOptions.Store"/>;
/// the scheduler opens it at start and disposes it when it stops.</para>
/// </remarks>
public sealed class PostgreSqlJobStore : IJobStore
{
    /// <summary>The schema the store's tables are in when none is given: <c>genscheduler</c>.</summary>
    public const string DefaultSchema = "genscheduler";

    /// <summary>Npgsql's own defaults, which the store shortens when the connection string leaves them.</summary>
    private const int NpgsqlDefaultTimeout = 15;
    private const int NpgsqlDefaultCommandTimeout = 30;

    private readonly NpgsqlConnectionStringBuilder _settings;
    private readonly PostgreSqlSchema _schema;
    private readonly NpgsqlDataSource _data;
    private readonly NpgsqlDataSource _listenData;
    private readonly PostgreSqlJobRows _jobs;
    private readonly PostgreSqlClaims _claims;
    private readonly PostgreSqlNodes _nodes;
    private PostgreSqlListener? _listener;
    private JobStoreSession? _session;
    private string _payload = "";
    private bool _disposed;

    /// <summary>Creates a store on a PostgreSQL database; nothing connects until the scheduler opens it.</summary>
    /// <param name="connectionString">An Npgsql connection string, such as <c>"Host=db;Database=app;Username=scheduler;Password=…"</c>.</param>
    /// <param name="schema">The schema of the store's tables: 1 to 63 ASCII letters, digits or underscores. Schedulers share jobs when they name the same database and schema.</param>
    /// <exception cref="ArgumentException">The connection string cannot be read, or the schema name is not one the store can use.</exception>
    public PostgreSqlJobStore(string connectionString, string schema = DefaultSchema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(schema);
        _schema = new PostgreSqlSchema(schema);
        _settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (_settings.Timeout == NpgsqlDefaultTimeout)
        {
            _settings.Timeout = 5;
        }

        if (_settings.CommandTimeout == NpgsqlDefaultCommandTimeout)
        {
            _settings.CommandTimeout = 10;
        }

        _settings.ApplicationName ??= "GenScheduler";

        // The store sets no session state on its pooled connections (no SET, no LISTEN, no temporary tables), so the
        // DISCARD ALL that Npgsql would send ahead of each call's first statement is work for nothing.
        _settings.NoResetOnClose = true;
        string database = _settings.Database ?? _settings.Username ?? "";
        Name = schema == DefaultSchema
            ? $"PostgreSQL {_settings.Host}:{_settings.Port}/{database}"
            : $"PostgreSQL {_settings.Host}:{_settings.Port}/{database} schema {schema}";

        _data = Build(_settings);

        // The listener's connection is not pooled: it is held for as long as it listens, and closed when it breaks.
        _listenData = Build(new NpgsqlConnectionStringBuilder(_settings.ConnectionString) { Pooling = false });
        _jobs = new PostgreSqlJobRows(_schema);
        _claims = new PostgreSqlClaims(_schema);
        _nodes = new PostgreSqlNodes(_schema);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The schema the store's tables are in.</summary>
    public string Schema => _schema.Name;

    /// <summary>The connection settings in force: the connection string's, with the store's shorter timeouts.</summary>
    internal NpgsqlConnectionStringBuilder Settings => _settings;

    /// <inheritdoc />
    public void Open(JobStoreSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_session is not null)
        {
            return;
        }

        Run("open the store", connection => _schema.Prepare(connection, Name));
        string node = session.NodeId.Length <= 200 ? session.NodeId : session.NodeId[..200];
        _payload = $"{node} {Guid.NewGuid():N}";
        Run("register this node", connection => _nodes.Heartbeat(connection, session.NodeId, Now(session)));
        _listener = new PostgreSqlListener(_listenData, _schema.Name, _payload);
        _session = session;
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredJob> LoadJobs()
    {
        _ = Session;
        return Run("load the jobs", _jobs.Load);
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredJob> ProposeJobs(IReadOnlyList<StoredJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        _ = Session;
        return jobs.Count == 0 ? [] : Run($"register {jobs.Count} jobs", connection => _jobs.Propose(connection, jobs, _payload));
    }

    /// <inheritdoc />
    public void SaveJob(StoredJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _ = Session;
        Run($"save job \"{job.Id}\"", connection => _jobs.Save(connection, job, _payload));
    }

    /// <inheritdoc />
    public void DeleteJob(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _ = Session;
        Run($"delete job \"{id}\"", connection => _jobs.Delete(connection, id, _payload));
    }

    /// <inheritdoc />
    /// <remarks>One statement for the whole batch: one round trip and one commit, however many claims.</remarks>
    public void Claim(IReadOnlyList<FireClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (claims.Count == 0)
        {
            return;
        }

        var session = Session;
        Run($"referee {claims.Count} fires", connection => _claims.Claim(connection, claims, session.NodeId, Now(session)));
    }

    /// <inheritdoc />
    /// <remarks>One statement for the whole batch.</remarks>
    public void Complete(IReadOnlyList<RunCompletion> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            return;
        }

        var session = Session;
        Run($"record {runs.Count} run ends", connection => _claims.Complete(connection, runs, session.NodeId));
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredJob> ReadChanges(long afterVersion)
    {
        _ = Session;
        return Run("read the changed jobs", connection => _jobs.Changes(connection, afterVersion));
    }

    /// <inheritdoc />
    public void Heartbeat()
    {
        var session = Session;
        Run("heartbeat", connection => _nodes.Heartbeat(connection, session.NodeId, Now(session)));
    }

    /// <inheritdoc />
    public IReadOnlyList<OrphanedRun> SettleOrphans()
    {
        var session = Session;
        return Run("settle the runs of dead nodes", connection => _nodes.SettleOrphans(connection, session.NodeId, Now(session), session.NodeTimeout));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Listens on a connection of its own for the NOTIFY that other nodes' saves, deletes and proposals send; this
    /// node's own writes do not wake it. After the connection broke and was made again it returns <see langword="true"/>
    /// once, since a change may have gone by unheard.
    /// </remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="JobStoreException">The server cannot be reached.</exception>
    public bool WaitForChange(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var listener = _listener ?? throw NotOpen();
        return listener.Wait(timeout, cancellationToken, (e, connected) => Failure("wait for changes", e, connected));
    }

    /// <summary>Leaves the store (this node's row goes, since its runs have ended; best effort) and closes its connections.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _listener?.Dispose();
        if (_session is { } session)
        {
            try
            {
                Run("leave", connection => _nodes.Leave(connection, session.NodeId));
            }
            catch (JobStoreException)
            {
                // Leaving is a courtesy: a node that did not leave is simply found dead after the timeout.
            }
        }

        _data.Dispose();
        _listenData.Dispose();
    }

    private JobStoreSession Session
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _session ?? throw NotOpen();
        }
    }

    private static long Now(JobStoreSession session) => session.TimeProvider.GetUtcNow().UtcTicks;

    private static NpgsqlDataSource Build(NpgsqlConnectionStringBuilder settings)
    {
        var builder = new NpgsqlSlimDataSourceBuilder(settings.ConnectionString);
        builder.EnableArrays();
        builder.EnableTransportSecurity();
        return builder.Build();
    }

    private void Run(string what, Action<NpgsqlConnection> action) => Run(what, connection =>
    {
        action(connection);
        return 0;
    });

    /// <summary>
    /// Runs <paramref name="action"/> on a connection from the pool. A connection that broke empties the pool (its
    /// neighbours are as dead after an outage), so the next call connects afresh; a call whose pooled connection the
    /// server had closed while it shut down (it ran nothing) is made once more on a new one.
    /// </summary>
    private T Run<T>(string what, Func<NpgsqlConnection, T> action)
    {
        for (int attempt = 1; ; attempt++)
        {
            NpgsqlConnection? connection = null;
            try
            {
                connection = _data.OpenConnection();
                return action(connection);
            }
            catch (Exception e) when (PostgreSqlErrors.IsStoreFailure(e))
            {
                bool connected = connection is not null;
                if (connection is null || (connection.FullState & ConnectionState.Broken) != 0 || connection.State == ConnectionState.Closed)
                {
                    _data.Clear();
                }

                if (attempt == 1 && connected && PostgreSqlErrors.IsStaleConnection(e))
                {
                    continue;
                }

                throw Failure(what, e, connected);
            }
            finally
            {
                connection?.Dispose();
            }
        }
    }

    private InvalidOperationException NotOpen() => new($"{Name} is not open: the scheduler opens its store when it starts.");

    private JobStoreException Failure(string what, Exception e, bool connected) =>
        new($"Job store {Name}: could not {what}: {PostgreSqlErrors.Describe(e, _settings, connected)}.", e) { Store = Name };
}
