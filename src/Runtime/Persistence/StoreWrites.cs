using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// What this node writes to its store: jobs changed or removed by control calls, and runs' ends. A control call marks
/// its job under the scheduler's lock, in the same hold as the change, and writes what is marked after the lock: so a
/// resync that read a row before the change can never apply it after (it skips marked jobs), and a write never
/// carries a state the resync undid.
/// </summary>
/// <remarks>A write that fails stays marked and is tried again by the store's thread, after <see cref="RetryBackoff"/>.</remarks>
internal sealed class StoreWrites
{
    private readonly StoreLink _link;
    private readonly StoreSync _sync;
    private readonly Lock _gate;
    private readonly HashSet<string> _unsaved = new(StringComparer.Ordinal);
    private readonly HashSet<string> _undeleted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RunCompletion> _completions = new();

    public StoreWrites(StoreLink link, StoreSync sync, Lock gate)
    {
        _link = link;
        _sync = sync;
        _gate = gate;
    }

    /// <summary>The store's thread, once started: it writes ends and retries what failed.</summary>
    public StoreWorker? Worker { get; set; }

    /// <summary>Ids whose local change is not in the store yet, so a resync must not overwrite them. Under the scheduler's lock.</summary>
    public HashSet<string> Unsaved => _unsaved;

    /// <summary>Ids removed here and not deleted from the store yet, so a resync must not bring them back. Under the scheduler's lock.</summary>
    public HashSet<string> Undeleted => _undeleted;

    /// <summary>Marks a stored job changed here. Under the scheduler's lock, in the same hold as the change.</summary>
    public void MarkChanged(ScheduledJob job)
    {
        if (job.Stored)
        {
            _unsaved.Add(job.Id);
        }
    }

    /// <summary>Marks a stored job removed here. Under the scheduler's lock, in the same hold as the removal.</summary>
    public void MarkRemoved(ScheduledJob job)
    {
        if (job.Stored)
        {
            _unsaved.Remove(job.Id);
            _undeleted.Add(job.Id);
        }
    }

    /// <summary>Writes what is marked, once the store is open (before, the start writes it). Outside both locks.</summary>
    public void WriteMarked()
    {
        lock (_link.Gate)
        {
            if (_link.IsOpen)
            {
                FlushUnsaved();
            }
        }
    }

    /// <summary>Queues a stored job's run end for the store thread to record.</summary>
    public void Completed(in RunCompletion completion)
    {
        _completions.Enqueue(completion);
        Worker?.Wake();
    }

    /// <summary>Writes every change and deletion not stored yet; what fails stays for the next try. Holding the store's lock.</summary>
    public void FlushUnsaved(bool force = false)
    {
        var backoff = _link.Backoff;
        if (!force && backoff.Failing && Worker is not null && !Worker.RetryDue)
        {
            return;
        }

        string[] gone;
        lock (_gate)
        {
            // The store's thread calls this after every batch of run ends: with nothing marked, it makes nothing.
            if (_undeleted.Count == 0 && _unsaved.Count == 0)
            {
                return;
            }

            gone = [.. _undeleted];
        }

        try
        {

            foreach (var id in gone)
            {
                _link.Store.DeleteJob(id);
                lock (_gate)
                {
                    _undeleted.Remove(id);
                }
            }

            foreach (var row in _sync.UnsavedRows())
            {
                _link.Store.SaveJob(row);
                lock (_gate)
                {
                    // A change made here while the row was written (under the scheduler's lock only) is still to write.
                    if (_sync.StandsAsSaved(row))
                    {
                        _unsaved.Remove(row.Id);
                    }
                }
            }

            backoff.Succeeded();
        }
#pragma warning disable CA1031 // A change that cannot be written now is written later; it is never lost nor thrown at the caller.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Worker?.RetryAfter(backoff.Failed("write a job's change", e));
        }
    }

    /// <summary>Records the runs that ended since the last call. Holding the store's lock.</summary>
    public void FlushCompletions()
    {
        if (_completions.IsEmpty)
        {
            return;
        }

        var batch = new List<RunCompletion>();
        while (batch.Count < 1000 && _completions.TryDequeue(out var c))
        {
            batch.Add(c);
        }

        try
        {
            _link.Store.Complete(batch);
            _link.Backoff.Succeeded();
        }
#pragma warning disable CA1031 // Put back in line, to be recorded when the store is back.
        catch (Exception e)
#pragma warning restore CA1031
        {
            foreach (var c in batch)
            {
                _completions.Enqueue(c);
            }

            Worker?.RetryAfter(_link.Backoff.Failed($"record {batch.Count} run ends", e));
        }
    }
}
