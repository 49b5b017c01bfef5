using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler;

/// <summary>
/// Where a scheduler is in its life, and the moves between: start, pause, resume, and a shutdown that waits for
/// running jobs up to <see cref="SchedulerOptions.ShutdownTimeout"/>, then cancels them. A second stop request
/// cancels at once.
/// </summary>
internal sealed class SchedulerLifecycle
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(0xFFFFFFFE);

    private readonly Lock _gate;
    private readonly JobRegistry _registry;
    private readonly RunPlanner _planner;
    private readonly FiringLoop _loop;
    private readonly RunExecutor _executor;
    private readonly TimeSpan _shutdownTimeout;
    private readonly bool _handleStopSignals;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _abandoned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StoreLink? _store;
    private SchedulerState _state;
    private int _stopRequests;

    public SchedulerLifecycle(Lock gate, JobRegistry registry, RunPlanner planner, FiringLoop loop, RunExecutor executor, SchedulerOptions options, StoreLink? store)
    {
        _store = store;
        _gate = gate;
        _registry = registry;
        _planner = planner;
        _loop = loop;
        _executor = executor;
        // Timers stop at about 49.7 days; a longer wait is as good as waiting for ever.
        _shutdownTimeout = options.ShutdownTimeout > MaxDelay ? Timeout.InfiniteTimeSpan : options.ShutdownTimeout;
        _handleStopSignals = options.HandleStopSignals;
    }

    public SchedulerState State => _state;

    /// <summary>Running or paused: jobs are on the schedule. Read under the lock.</summary>
    public bool IsStarted => _state is SchedulerState.Running or SchedulerState.Paused;

    private SchedulerObserver Observer => _executor.Observer;

    public void Start()
    {
        if (_store is not null)
        {
            // Serialised with every store call, and with adding a job, so no job falls between the two halves below.
            lock (_store.Gate)
            {
                StartWithStore(_store);
            }

            return;
        }

        var outbox = new Outbox(Observer);
        int count;
        lock (_gate)
        {
            EnsureCanStart();
            var now = _executor.Time.GetUtcNow();
            _state = SchedulerState.Running;
            Observer.Started = true;
            ScheduleAll(now, outbox);
            count = _registry.Count;
            _loop.Start();
        }

        Observer.SchedulerStarted(count);
        outbox.Flush(_executor);
    }

    /// <summary>
    /// Opens the store, lays its rows over the jobs, proposes rows for the jobs it lacks, and only then starts firing. Nothing
    /// fires and the scheduler stays not started when the store cannot be opened.
    /// </summary>
    /// <exception cref="JobStoreException">The store cannot be opened, read or written.</exception>
    private void StartWithStore(StoreLink store)
    {
        lock (_gate)
        {
            EnsureCanStart();
        }

        var rows = store.Open();
        var outbox = new Outbox(Observer);
        var unknown = new List<(string Id, string Reason)>();
        var changed = new List<string>();
        List<StoredJob> proposals;
        var now = _executor.Time.GetUtcNow();
        lock (_gate)
        {
            EnsureCanStart();
            Observer.Started = true;
            ScheduleAll(now, outbox);
            proposals = store.Restore(rows, now, outbox, unknown, changed);
        }

        int count;
        try
        {
            store.Propose(proposals, now);
            store.Writes.FlushUnsaved();
            lock (_gate)
            {
                EnsureCanStart();
                _state = SchedulerState.Running;
                count = _registry.Count;
                _loop.Start();
            }
        }
        catch
        {
            lock (_gate)
            {
                Observer.Started = false;
                for (int slot = 0; slot < _registry.SlotCount; slot++)
                {
                    if (_registry[slot] is { } job)
                    {
                        _planner.Unschedule(job);
                    }
                }
            }

            // The store stays open, so that Start can be called again once the cause is fixed.
            outbox.Discard(_executor);
            throw;
        }

        store.StartWorker();
        foreach (var id in changed)
        {
            Observer.ScheduleChangedInCode(id, store.Name);
        }

        foreach (var (id, reason) in unknown)
        {
            Observer.StoredJobUnknown(store.Name, id, reason);
        }

        Observer.SchedulerStarted(count);
        outbox.Flush(_executor);
    }

    /// <summary>Puts every job the store does not keep on the schedule from <paramref name="now"/>. Under the lock.</summary>
    private void ScheduleAll(DateTimeOffset now, Outbox outbox)
    {
        // The heap is ordered once at the end, so a million jobs start in O(n).
        _registry.BeginBulk(_registry.Count);
        try
        {
            _planner.ScheduleAll(now, outbox);
        }
        finally
        {
            _registry.EndBulk();
        }
    }

    /// <exception cref="SchedulerAlreadyRunningException">The scheduler is running or paused.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    private void EnsureCanStart()
    {
        if (IsStarted)
        {
            throw new SchedulerAlreadyRunningException($"The scheduler is already {_state}: a scheduler starts once.") { State = _state };
        }

        EnsureNotShutDown("start");
        if (_registry.AnyNeedsServices)
        {
            ServiceCheck.EnsureServices(_registry.Definitions(), _executor.Services);
        }
    }

    public void Pause()
    {
        lock (_gate)
        {
            EnsureStarted("pause");
            if (_state == SchedulerState.Paused)
            {
                return;
            }

            _state = SchedulerState.Paused;
            _loop.SetFiring(false);
        }

        Observer.SchedulerPaused();
    }

    public void Resume()
    {
        lock (_gate)
        {
            EnsureStarted("resume");
            if (_state == SchedulerState.Running)
            {
                return;
            }

            _state = SchedulerState.Running;
        }

        Observer.SchedulerResumed();

        // The firing loop judges what fell due meanwhile by the misfire rules.
        _loop.SetFiring(true);
    }

    public Task ShutdownAsync(bool wait)
    {
        bool first = false;
        lock (_gate)
        {
            switch (_state)
            {
                case SchedulerState.NotStarted:
                    _state = SchedulerState.Stopped;
                    _store?.Close();
                    _stopped.TrySetResult();
                    return Task.CompletedTask;
                case SchedulerState.Stopped:
                    // Nothing runs any more; in particular there is nothing to cancel.
                    return Task.CompletedTask;
                case SchedulerState.Running or SchedulerState.Paused:
                    _state = SchedulerState.ShuttingDown;
                    _loop.Stop();
                    first = true;
                    break;
            }
        }

        if (first)
        {
            // The wait's timer starts with the request, on the requester's thread: started by the continuation below,
            // it would count from whenever that ran, and on a test's clock it could miss a step the test made meanwhile.
            var stopWaiting = new CancellationTokenSource();
            var expired = _shutdownTimeout == Timeout.InfiniteTimeSpan ? null : Task.Delay(_shutdownTimeout, _executor.Time, stopWaiting.Token);
            _ = FinishShutdownAsync(expired, stopWaiting);
        }

        if (wait)
        {
            return _stopped.Task;
        }

        _executor.CancelRunning();
        return Task.CompletedTask;
    }

    /// <summary>Starts, then blocks until a stop request (the token, a signal, <see cref="ShutdownAsync"/>) has stopped the scheduler.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Start();
        using var signals = _handleStopSignals ? new StopSignals(RequestStop) : null;
        using var onCancel = cancellationToken.UnsafeRegister(static state => ((SchedulerLifecycle)state!).RequestStop(), this);
        await Task.WhenAny(_stopped.Task, _abandoned.Task).ConfigureAwait(false);
    }

    /// <summary>The first request shuts down waiting for running jobs; the second cancels them and lets <see cref="RunAsync"/> return at once.</summary>
    private void RequestStop()
    {
        if (Interlocked.Increment(ref _stopRequests) == 1)
        {
            _ = ShutdownAsync(wait: true);
            return;
        }

        _ = ShutdownAsync(wait: false);
        _abandoned.TrySetResult();
    }

    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public void EnsureNotShutDown(string action)
    {
        if (_state is SchedulerState.ShuttingDown or SchedulerState.Stopped)
        {
            throw new SchedulerShutDownException($"Cannot {action}: the scheduler has been shut down ({_state}). A scheduler runs once; create a new Scheduler.")
            {
                State = _state,
            };
        }
    }

    /// <exception cref="SchedulerNotRunningException">The scheduler has not been started.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public void EnsureStarted(string action)
    {
        EnsureNotShutDown(action);
        if (_state == SchedulerState.NotStarted)
        {
            throw new SchedulerNotRunningException($"Cannot {action}: the scheduler has not been started. Call Start() or RunAsync() first.")
            {
                State = _state,
            };
        }
    }

    /// <summary>Waits for the loop and the runs, cancelling them once <see cref="SchedulerOptions.ShutdownTimeout"/> from the request has passed.</summary>
    /// <param name="expired">Completes when the shutdown's wait for running jobs runs out; <see langword="null"/> for no limit.</param>
    /// <param name="stopWaiting">Cancels <paramref name="expired"/>'s timer once the runs have ended.</param>
    private async Task FinishShutdownAsync(Task? expired, CancellationTokenSource stopWaiting)
    {
        try
        {
            // The last cycle hands on the runs it took in flight before the thread ends.
            await _loop.Exited.ConfigureAwait(false);
            var drained = _executor.WhenDrained();
            if (!drained.IsCompleted && expired is not null && await Task.WhenAny(drained, expired).ConfigureAwait(false) != drained)
            {
                Observer.ShutdownWaitExpired(_shutdownTimeout, _executor.InFlight, RunningJobs());
                _executor.CancelRunning();
            }

            await drained.ConfigureAwait(false);
        }
        finally
        {
            await stopWaiting.CancelAsync().ConfigureAwait(false);
            stopWaiting.Dispose();
            _executor.Stop();
            if (_store is not null)
            {
                // Runs have ended: their ends and any change not yet written go to the store before it closes.
                _store.Close();
            }

            lock (_gate)
            {
                _state = SchedulerState.Stopped;
            }

            Observer.SchedulerShutDown();
            Observer.Telemetry.Dispose();
            _stopped.TrySetResult();
        }
    }

    private string RunningJobs()
    {
        var ids = new List<string>();
        lock (_gate)
        {
            for (int slot = 0; slot < _registry.SlotCount; slot++)
            {
                if (_registry[slot] is { Running: > 0 } job)
                {
                    ids.Add(job.Id);
                }
            }
        }

        ids.Sort(StringComparer.Ordinal);
        return string.Join(", ", ids);
    }
}
