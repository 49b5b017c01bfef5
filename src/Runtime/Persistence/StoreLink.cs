using System;
using System.Collections.Generic;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// The scheduler's side of a job store: which jobs it keeps, what a control change writes, how the firing loop's fires
/// are refereed, and how runs' ends are recorded. Every call to the store is made holding <see cref="Gate"/>, never the
/// scheduler's lock, so a fire and its claim are one step that no control change or resync can come between.
/// </summary>
/// <remarks>A store that cannot be reached is never fatal after start: the change is kept and written again, fires are put back and retried, by <see cref="RetryBackoff"/>.</remarks>
internal sealed class StoreLink
{
    private readonly IJobStore _store;
    private readonly Lock _gate;
    private readonly JobRegistry _registry;
    private readonly RunPlanner _planner;
    private readonly RunExecutor _executor;
    private readonly Dictionary<string, JobDefinition> _code = new(StringComparer.Ordinal);
    private readonly RetryBackoff _backoff;
    private readonly StoreSync _sync;
    private StoreWorker? _worker;
    private FiringLoop? _loop;

    public StoreLink(IJobStore store, SchedulerOptions options, Lock gate, JobRegistry registry, RunPlanner planner, RunExecutor executor)
    {
        _store = store;
        _gate = gate;
        _registry = registry;
        _planner = planner;
        _executor = executor;
        Name = SafeName(store);
        Session = new JobStoreSession(options.NodeId ?? DefaultNodeId(), options.TimeProvider, options.NodeTimeout);
        _backoff = new RetryBackoff(executor.Observer, options.TimeProvider, Name);
        _sync = new StoreSync(this, gate, registry, planner, executor);
        Writes = new StoreWrites(this, _sync, gate);
    }

    /// <summary>Held around every call to the store, and around a firing-loop chunk with its claims.</summary>
    public Lock Gate { get; } = new();

    public string Name { get; }

    public JobStoreSession Session { get; }

    public IJobStore Store => _store;

    /// <summary>Whether <see cref="IJobStore.Open"/> has succeeded: before, changes are only marked, to be written at start.</summary>
    public bool IsOpen { get; private set; }

    public RetryBackoff Backoff => _backoff;

    public SchedulerObserver Observer => _executor.Observer;

    /// <summary>The definitions the code (or an <c>AddJob</c> by target) gave the stored jobs: what overrides are measured against. Under the scheduler's lock.</summary>
    public Dictionary<string, JobDefinition> Code => _code;

    /// <summary>What this node writes: control changes, removals, runs' ends.</summary>
    public StoreWrites Writes { get; }

    /// <summary>
    /// Decides whether a job just registered is kept by the store (under the scheduler's lock); the reason when it is not,
    /// for the caller to report after the lock.
    /// </summary>
    public string? Register(ScheduledJob job, bool ofTable)
    {
        if (StoredForm.WhyNotStorable(job.Definition, ofTable) is { } reason)
        {
            return reason;
        }

        job.Stored = true;
        _code[job.Id] = job.Definition;
        return null;
    }

    /// <summary>Takes the replacement of a stored job: why the store cannot keep it, or <see langword="null"/> once it is the code's. Under the scheduler's lock.</summary>
    public string? Replace(ScheduledJob job, JobDefinition replacement)
    {
        if (StoredForm.WhyNotStorable(replacement, ofTable: false) is { } reason)
        {
            return reason;
        }

        _code[job.Id] = replacement;
        return null;
    }

    /// <summary>Opens the store and reads its jobs, for <see cref="SchedulerLifecycle.Start"/>. Holding <see cref="Gate"/>.</summary>
    /// <exception cref="JobStoreException">The store cannot be opened or read.</exception>
    public IReadOnlyList<StoredJob> Open()
    {
        try
        {
            _store.Open(Session);
            IsOpen = true;
            return _store.LoadJobs();
        }
        catch (Exception e) when (e is not JobStoreException)
        {
            throw new JobStoreException($"Job store {Name} could not be opened: {e.Message}", e) { Store = Name };
        }
    }

    /// <summary>Lays the stored rows over the registered jobs at start; the rows to propose for the jobs the store lacks. Under the scheduler's lock.</summary>
    public List<StoredJob> Restore(IReadOnlyList<StoredJob> rows, DateTimeOffset now, Outbox outbox, List<(string Id, string Reason)> unknown, List<string> changed) =>
        _sync.Restore(rows, now, outbox, unknown, changed);

    /// <summary>Writes the proposed rows and adopts what the store holds afterwards (another node's, when it started first). Holding <see cref="Gate"/>.</summary>
    public void Propose(List<StoredJob> proposals, DateTimeOffset now)
    {
        if (proposals.Count == 0)
        {
            return;
        }

        IReadOnlyList<StoredJob> stored;
        try
        {
            stored = _store.ProposeJobs(proposals);
        }
        catch (Exception e) when (e is not JobStoreException)
        {
            throw new JobStoreException($"Job store {Name} could not register the table's jobs: {e.Message}", e) { Store = Name };
        }

        lock (_gate)
        {
            _sync.AdoptProposed(stored, now);
        }
    }

    /// <summary>Starts the store's thread: heartbeats, recorded ends, resync and the runs of dead nodes.</summary>
    public void StartWorker()
    {
        _worker = new StoreWorker(this, _sync, Session);
        Writes.Worker = _worker;
        _worker.Start();
    }

    /// <summary>
    /// Asks the store about every fire of a stored job in <paramref name="outbox"/>: a lost fire's runs and reports are taken
    /// back and the job takes the stored state; if the store cannot be reached every fire is put back, to be fired again
    /// after the backoff. Holding <see cref="Gate"/>; <see langword="true"/> when fires were put back.
    /// </summary>
    public bool Referee(Outbox outbox, DateTimeOffset now)
    {
        var claims = outbox.Claims;
        try
        {
            _store.Claim(claims);
            _backoff.Succeeded();
        }
#pragma warning disable CA1031 // Whatever the store throws, the fires are put back and the loop goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var delay = _backoff.Failed($"referee {claims.Count} due fires", e);
            lock (_gate)
            {
                for (int i = 0; i < claims.Count; i++)
                {
                    outbox.Drop(i, _executor);
                    _sync.PutBack(outbox.ClaimedJob(i), claims[i], now + delay);
                }
            }

            return true;
        }

        bool anyLost = false;
        for (int i = 0; i < claims.Count; i++)
        {
            if (claims[i].Outcome != ClaimOutcome.Won)
            {
                anyLost = true;
                outbox.Drop(i, _executor);
            }
        }

        if (anyLost)
        {
            lock (_gate)
            {
                for (int i = 0; i < claims.Count; i++)
                {
                    if (claims[i].Outcome != ClaimOutcome.Won)
                    {
                        _sync.AdoptLost(outbox.ClaimedJob(i), claims[i], now, outbox);
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Lays other nodes' changes over the jobs here. Holding <see cref="Gate"/>.</summary>
    public void ApplyChanges(IReadOnlyList<StoredJob> rows, DateTimeOffset now, List<ScheduledJob> removed, List<(string Id, string Reason)> unknown)
    {
        lock (_gate)
        {
            _sync.ApplyChanges(rows, now, removed, unknown);
        }

        _loop?.Wake();
    }

    /// <summary>Runs again a run this node took over from a dead one; <see langword="null"/> when the job is not here.</summary>
    public JobRun? TakeOver(in OrphanedRun orphan)
    {
        JobRun? run;
        lock (_gate)
        {
            run = _sync.TakeOver(orphan);
        }

        if (run is not null)
        {
            _executor.Submit(run);
        }

        return run;
    }

    /// <summary>The firing loop, woken when a resync moved a job's next run time.</summary>
    public FiringLoop? Loop
    {
        set => _loop = value;
    }

    /// <summary>At shutdown, after the runs drained: stops the thread, writes what is left (once, best effort) and closes the store.</summary>
    public void Close()
    {
        _worker?.Stop();
        lock (Gate)
        {
            if (!IsOpen)
            {
                DisposeStore();
                return;
            }

            IsOpen = false;
            Writes.FlushCompletions();
            Writes.FlushUnsaved(force: true);
            DisposeStore();
        }
    }

    private void DisposeStore()
    {
        try
        {
            _store.Dispose();
        }
#pragma warning disable CA1031 // Closing is best effort; the scheduler has stopped either way.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _backoff.Failed("close", e);
        }
    }

    private static string SafeName(IJobStore store)
    {
        try
        {
            return store.Name;
        }
#pragma warning disable CA1031 // A name is for messages; a store whose Name throws is still a store.
        catch (Exception)
#pragma warning restore CA1031
        {
            return store.GetType().Name;
        }
    }

    private static string DefaultNodeId() =>
        $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
