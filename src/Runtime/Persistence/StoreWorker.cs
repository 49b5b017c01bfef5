using System;
using System.Collections.Generic;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// The store's own thread: records runs' ends in batches, writes changes that failed before, heartbeats, reads what
/// other nodes changed, and settles the runs of dead nodes. A thread of its own, like the firing loop, so a thread pool
/// starved by blocking jobs can never stop the heartbeat and make this node look dead.
/// </summary>
/// <remarks>
/// It wakes every third of <see cref="JobStoreSession.NodeTimeout"/>, when a run ends, and when the store signals a change
/// (a second thread waits in <see cref="IJobStore.WaitForChange"/>). With a fake clock the period is on that clock.
/// </remarks>
internal sealed class StoreWorker
{
    private readonly StoreLink _link;
    private readonly StoreSync _sync;
    private readonly TimeProvider _time;
    private readonly TimeSpan _period;
    // No spinning: the store's thread waits for a period or for marked work, never for microseconds.
    private readonly ManualResetEventSlim _signal = new(false, spinCount: 0);
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private Thread? _listener;
    private ITimer? _timer;
    private long _nextPeriodic;
    private long _retryAt;
    private volatile bool _changed;

    public StoreWorker(StoreLink link, StoreSync sync, JobStoreSession session)
    {
        _link = link;
        _sync = sync;
        _time = session.TimeProvider;
        _period = session.NodeTimeout / 3;
    }

    /// <summary>Whether a retry after a failure is due now.</summary>
    public bool RetryDue => _time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _retryAt);

    public void Start()
    {
        if (!ReferenceEquals(_time, TimeProvider.System))
        {
            _timer = _time.CreateTimer(static s => ((StoreWorker)s!).Wake(), this, _period, _period);
        }

        _thread = new Thread(static s => ((StoreWorker)s!).Run()) { IsBackground = true, Name = "GenScheduler store" };
        _thread.UnsafeStart(this);
        _listener = new Thread(static s => ((StoreWorker)s!).Listen()) { IsBackground = true, Name = "GenScheduler store changes" };
        _listener.UnsafeStart(this);
    }

    public void Wake() => _signal.Set();

    /// <summary>Puts off the retry of failed writes until <paramref name="delay"/> from now.</summary>
    public void RetryAfter(TimeSpan delay)
    {
        Interlocked.Exchange(ref _retryAt, _time.GetUtcNow().UtcTicks + delay.Ticks);
        if (_timer is not null)
        {
            // A fake clock: the periodic timer is what wakes this thread, and retries fall on its beats.
            return;
        }

        Wake();
    }

    /// <summary>Ends both threads and waits for the worker's last pass.</summary>
    public void Stop()
    {
        _stop.Cancel();
        Wake();
        _thread?.Join();
        _timer?.Dispose();
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            _signal.Reset();
            try
            {
                Pass();
            }
#pragma warning disable CA1031 // The thread must outlive any bug below it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _link.Observer.LoopFailed(e);
            }

            if (_timer is not null)
            {
                _signal.Wait(_stop.Token.IsCancellationRequested ? TimeSpan.Zero : Timeout.InfiniteTimeSpan);
            }
            else
            {
                long until = _link.Backoff.Failing ? Math.Min(_nextPeriodic, Interlocked.Read(ref _retryAt)) : _nextPeriodic;
                long wait = Math.Clamp(until - _time.GetUtcNow().UtcTicks, TimeSpan.TicksPerMillisecond, _period.Ticks);
                _signal.Wait(TimeSpan.FromTicks(wait));
            }
        }
    }

    private void Pass()
    {
        var now = _time.GetUtcNow();
        bool periodic = now.UtcTicks >= _nextPeriodic;
        bool retry = RetryDue;
        if (!retry && !periodic && !_changed)
        {
            // Only runs' ends are due, and the store is failing: they wait for the retry.
            if (_link.Backoff.Failing)
            {
                return;
            }
        }

        lock (_link.Gate)
        {
            if (!_link.Backoff.Failing || retry)
            {
                _link.Writes.FlushCompletions();
                _link.Writes.FlushUnsaved();
            }

            if (periodic || _changed)
            {
                _changed = false;
                Resync(now);
            }

            if (periodic)
            {
                _nextPeriodic = now.UtcTicks + _period.Ticks;
                Heartbeat();
                SettleOrphans();
            }
        }
    }

    private void Heartbeat()
    {
        try
        {
            _link.Store.Heartbeat();
        }
#pragma warning disable CA1031 // Reported; the next beat tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RetryAfter(_link.Backoff.Failed("heartbeat", e));
        }
    }

    private void Resync(DateTimeOffset now)
    {
        IReadOnlyList<StoredJob> rows;
        try
        {
            rows = _link.Store.ReadChanges(_sync.SeenVersion);
        }
#pragma warning disable CA1031 // Reported; the next pass reads again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RetryAfter(_link.Backoff.Failed("read other nodes' changes", e));
            return;
        }

        if (rows.Count == 0)
        {
            return;
        }

        var removed = new List<ScheduledJob>();
        var unknown = new List<(string Id, string Reason)>();
        _link.ApplyChanges(rows, now, removed, unknown);
        foreach (var job in removed)
        {
            _link.Observer.JobRemoved(job);
        }

        foreach (var (id, reason) in unknown)
        {
            _link.Observer.StoredJobUnknown(_link.Name, id, reason);
        }
    }

    private void SettleOrphans()
    {
        IReadOnlyList<OrphanedRun> orphans;
        try
        {
            orphans = _link.Store.SettleOrphans();
        }
#pragma warning disable CA1031 // Reported; the next pass settles them.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RetryAfter(_link.Backoff.Failed("settle the runs of dead nodes", e));
            return;
        }

        foreach (var orphan in orphans)
        {
            if (!orphan.TakenOver)
            {
                _link.Observer.RunAbandoned(orphan.JobId, orphan.FirstRun, orphan.DeadNode);
                continue;
            }

            _link.Observer.RunTakenOver(orphan.JobId, orphan.FirstRun, orphan.Attempt, orphan.DeadNode);
            if (_link.TakeOver(orphan) is null)
            {
                _link.Observer.StoredJobUnknown(_link.Name, orphan.JobId, "a run taken over from a dead node has no job here to run it");
            }
        }
    }

    private void Listen()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (_link.Store.WaitForChange(_period, _stop.Token))
                {
                    _changed = true;
                    Wake();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // A broken wait is only a slower resync: the periodic pass reads changes too.
            catch (Exception)
#pragma warning restore CA1031
            {
                _stop.Token.WaitHandle.WaitOne(_period);
            }
        }
    }
}
