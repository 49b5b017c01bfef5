using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GenScheduler.Hosting;

/// <summary>
/// How <see cref="GenSchedulerServiceCollectionExtensions.AddGenScheduler"/> builds and runs the scheduler: its settings,
/// its job store, and overrides of the table's jobs. Code (the <c>configure</c> action) sets them first; the
/// configuration section named by <see cref="ConfigurationSection"/> then overrides what it names. Every value is checked
/// when the host starts, and a bad one fails the start with a message that names it.
/// </summary>
public sealed class GenSchedulerOptions
{
    /// <summary>The configuration section read by default: <c>GenScheduler</c>.</summary>
    public const string DefaultSectionName = "GenScheduler";

    private readonly Dictionary<string, JobOverride> _jobs = new(StringComparer.Ordinal);

    /// <summary>
    /// The configuration section whose keys override these options (<c>GenScheduler</c> by default; docs/hosting.md lists
    /// the keys); <see langword="null"/> or empty to read no configuration.
    /// </summary>
    public string? ConfigurationSection { get; set; } = DefaultSectionName;

    /// <summary>The most runs executing at once across all jobs (<see cref="SchedulerOptions.MaxConcurrency"/>); <see langword="null"/> (the default) for no limit.</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>Threads for jobs run with <see cref="JobExecutor.DedicatedThread"/> (<see cref="SchedulerOptions.DedicatedThreads"/>); <see langword="null"/> for the runtime's default, 10.</summary>
    public int? DedicatedThreads { get; set; }

    /// <summary>The most runs a job that does not coalesce catches up on (<see cref="SchedulerOptions.MaxCatchUpRuns"/>); <see langword="null"/> for the runtime's default, 100.</summary>
    public int? MaxCatchUpRuns { get; set; }

    /// <summary>
    /// How long a run may take to be made on the scheduler's own thread (<see cref="SchedulerOptions.InlineRunLimit"/>);
    /// <see cref="TimeSpan.Zero"/> sends every run to the thread pool; <see langword="null"/> for the runtime's default, 100 µs.
    /// </summary>
    public TimeSpan? InlineRunLimit { get; set; }

    /// <summary>
    /// How long the scheduler lets running jobs finish when the host stops, before it cancels them. <see langword="null"/>
    /// (the default) leaves it to the host: the scheduler waits until the host's own shutdown timeout
    /// (<c>HostOptions.ShutdownTimeout</c>, 30 seconds unless set) ends the wait, then cancels the jobs' tokens and gives
    /// them one second to end. A value cancels them sooner when it is shorter than the host's, counted on the
    /// <see cref="TimeProvider"/>; the host's timeout still bounds the whole stop.
    /// </summary>
    public TimeSpan? ShutdownTimeout { get; set; }

    /// <summary>This scheduler's id among the nodes sharing a store (<see cref="SchedulerOptions.NodeId"/>); <see langword="null"/> for a generated one.</summary>
    public string? NodeId { get; set; }

    /// <summary>With a store: how long a node may go without a heartbeat before others count it dead (<see cref="SchedulerOptions.NodeTimeout"/>); <see langword="null"/> for the runtime's default, 30 seconds.</summary>
    public TimeSpan? NodeTimeout { get; set; }

    /// <summary>The overrides of the table's jobs made so far, by job id: those of code, and after configuration is read, its too.</summary>
    public IReadOnlyDictionary<string, JobOverride> Jobs => _jobs;

    /// <summary>The job store chosen, or <see langword="null"/> to keep jobs' state in memory.</summary>
    internal StoreChoice? Store { get; set; }

    /// <summary>What configuration got wrong, each naming the key, the value and the rule; reported when the host starts.</summary>
    internal List<string> Problems { get; } = [];

    /// <summary>The jobs as the overrides make them, worked out once by the validator and used by the scheduler's factory.</summary>
    internal JobPlan? Plan { get; set; }

    /// <summary>
    /// The override of one job of the table, made on first use: set its <see cref="JobOverride.Trigger"/>,
    /// <see cref="JobOverride.Options"/>, <see cref="JobOverride.Enabled"/> or <see cref="JobOverride.Paused"/>.
    /// An id that names no job of the table fails the start.
    /// </summary>
    /// <param name="id">The job's id, as in <see cref="JobDefinition.Id"/> (<c>Namespace.Type.Method</c> unless its attribute names it).</param>
    /// <returns>The job's override.</returns>
    public JobOverride Job(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (!_jobs.TryGetValue(id, out var job))
        {
            _jobs.Add(id, job = new JobOverride(id));
        }

        return job;
    }

    /// <summary>
    /// Keeps jobs' state in a SQLite file (<see cref="SqliteJobStore"/>). A relative path is taken from the host's content
    /// root (<see cref="IHostEnvironment.ContentRootPath"/>). Configuration's <c>GenScheduler:Store</c> overrides this.
    /// </summary>
    /// <param name="path">The database file; created when missing, in a folder that must exist.</param>
    /// <returns>These options.</returns>
    public GenSchedulerOptions UseSqlite(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Store = StoreChoice.Sqlite(path, $"UseSqlite(\"{path}\")");
        return this;
    }

    /// <summary>
    /// Keeps jobs' state in PostgreSQL (<see cref="PostgreSqlJobStore"/>), shared by every node that uses the same schema.
    /// Configuration's <c>GenScheduler:Store</c> overrides this.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">The schema of the store's tables: 1 to 63 ASCII letters, digits or underscores, not starting with a digit.</param>
    /// <returns>These options.</returns>
    public GenSchedulerOptions UsePostgreSql(string connectionString, string schema = "genscheduler")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(schema);
        Store = StoreChoice.PostgreSql(connectionString, schema, "UsePostgreSql(…)");
        return this;
    }

    /// <summary>
    /// Keeps jobs' state in a store of your own, made from the application's services when the scheduler is built. The
    /// scheduler owns it from its start and disposes it when it stops. Configuration's <c>GenScheduler:Store</c> overrides this.
    /// </summary>
    /// <param name="factory">Makes the store from the root service provider.</param>
    /// <returns>These options.</returns>
    public GenSchedulerOptions UseStore(Func<IServiceProvider, IJobStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Store = new StoreChoice("UseStore(…)", factory);
        return this;
    }
}

/// <summary>A job store as code or configuration chose it: how to make it, and where the choice was made, for messages.</summary>
internal sealed class StoreChoice(string source, Func<IServiceProvider, IJobStore> create)
{
    /// <summary>The code call or configuration key that chose the store.</summary>
    public string Source { get; } = source;

    /// <summary>The PostgreSQL schema, for the validator to check; <see langword="null"/> for other stores.</summary>
    public string? Schema { get; private init; }

    public static StoreChoice Sqlite(string path, string source) => new(source, services =>
    {
        // A host's relative paths (appsettings.json, wwwroot) are its content root's; a store file is no different.
        string root = services.GetService<IHostEnvironment>()?.ContentRootPath ?? "";
        return new SqliteJobStore(Path.IsPathRooted(path) || root.Length == 0 ? path : Path.Combine(root, path));
    });

    public static StoreChoice PostgreSql(string connectionString, string schema, string source) => new(source, _ =>
    {
        try
        {
            return new PostgreSqlJobStore(connectionString, schema);
        }
        catch (ArgumentException e)
        {
            // Never the connection string itself in the message: it may hold a password.
            throw new InvalidOperationException($"The PostgreSQL job store of {source} could not be made: {e.Message}", e);
        }
    })
    {
        Schema = schema,
    };

    public IJobStore Create(IServiceProvider services) => create(services);
}
