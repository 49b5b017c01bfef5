using System;
using System.Collections.Generic;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// Lays what the store holds over the jobs in memory: at start, after a lost or failed claim, and when other nodes
/// changed jobs. Every method runs under the scheduler's lock; what it reports goes into an outbox or a list.
/// </summary>
internal sealed class StoreSync
{
    private readonly StoreLink _link;
    private readonly Lock _gate;
    private readonly JobRegistry _registry;
    private readonly RunPlanner _planner;
    private readonly RunExecutor _executor;
    private readonly HashSet<string> _reportedUnknown = new(StringComparer.Ordinal);

    public StoreSync(StoreLink link, Lock gate, JobRegistry registry, RunPlanner planner, RunExecutor executor)
    {
        _link = link;
        _gate = gate;
        _registry = registry;
        _planner = planner;
        _executor = executor;
    }

    /// <summary>The highest row version seen: what the next resync reads after.</summary>
    public long SeenVersion { get; private set; }

    /// <summary>
    /// At start: a stored job whose code is unchanged takes its stored state (a next run time in the past is a backlog the
    /// firing loop judges by the misfire rules); one whose code changed, or that the store lacks, is scheduled from now and
    /// proposed. A row with a target the table has becomes a job again; any other is reported and left alone.
    /// </summary>
    public List<StoredJob> Restore(IReadOnlyList<StoredJob> rows, DateTimeOffset now, Outbox outbox, List<(string Id, string Reason)> unknown, List<string> changed)
    {
        var restored = new HashSet<string>(StringComparer.Ordinal);
        var proposals = new List<StoredJob>();
        foreach (var row in rows)
        {
            SeenVersion = Math.Max(SeenVersion, row.Version);
            if (_link.Writes.Unsaved.Contains(row.Id))
            {
                // Changed before the start (paused, rescheduled, modified): the change wins over the stored state, and is
                // written once the store is open.
                continue;
            }

            if (_registry.TryFind(row.Id, out var job))
            {
                if (!job.Stored)
                {
                    unknown.Add((row.Id, "a job with this id is kept in memory only here (a delegate, or a trigger with no stored form)"));
                }
                else if (row.Fingerprint != StoredForm.Fingerprint(_link.Code[row.Id]))
                {
                    changed.Add(row.Id);
                    job.Paused = row.Paused;
                }
                else if (TryApply(job, row, _link.Code[row.Id], now, out string? why))
                {
                    restored.Add(row.Id);
                }
                else
                {
                    unknown.Add((row.Id, why!));
                }

                continue;
            }

            // A job removed here before the start stays removed: the start deletes its row.
            if (_link.Writes.Undeleted.Contains(row.Id))
            {
                continue;
            }

            if (TryRevive(row, now, out string? reason))
            {
                restored.Add(row.Id);
            }
            else if (reason is not null)
            {
                unknown.Add((row.Id, reason));
            }
        }

        for (int slot = 0; slot < _registry.SlotCount; slot++)
        {
            if (_registry[slot] is not { Stored: true } job || restored.Contains(job.Id))
            {
                continue;
            }

            if (!job.Paused)
            {
                _planner.Schedule(job, now, job.Definition.Options.RunOnStart, outbox);
            }
            else
            {
                job.Origin = now;
            }

            if (job.Registered)
            {
                proposals.Add(StoredForm.Row(job, _link.Code[job.Id]));
            }
        }

        return proposals;
    }

    /// <summary>After proposing: a row another node wrote first stands, and the job takes it.</summary>
    public void AdoptProposed(IReadOnlyList<StoredJob> stored, DateTimeOffset now)
    {
        foreach (var row in stored)
        {
            SeenVersion = Math.Max(SeenVersion, row.Version);
            if (!_link.Writes.Unsaved.Contains(row.Id) && _registry.TryFind(row.Id, out var job) && job.Stored && (row.NextRunTime != job.Grid || row.Paused != job.Paused || row.Origin != job.Origin))
            {
                TryApply(job, row, _link.Code[row.Id], now, out _);
            }
        }
    }

    /// <summary>The store could not referee a fire: the job goes back to the fire's due time, to be fired again at <paramref name="retryAt"/>.</summary>
    public void PutBack(ScheduledJob job, FireClaim claim, DateTimeOffset retryAt)
    {
        if (job.Registered && !job.Paused && job.Grid == claim.Next)
        {
            job.Grid = claim.Due;
            _registry.Schedule(job, retryAt.UtcTicks);
        }
        else if (!job.Registered && claim.Next is null && _link.Code.ContainsKey(job.Id))
        {
            // It finished with this fire: it comes back, so the fire is made once the store answers.
            var again = _registry.Add(job.Definition);
            again.Stored = true;
            again.Origin = job.Origin;
            again.Grid = claim.Due;
            _registry.Schedule(again, retryAt.UtcTicks);
        }
    }

    /// <summary>Another node made the fire, or the job changed or went: the job takes the stored state, unless it changed here since.</summary>
    public void AdoptLost(ScheduledJob job, FireClaim claim, DateTimeOffset now, Outbox outbox)
    {
        if (job.Paused || job.Grid != claim.Next || _link.Writes.Unsaved.Contains(job.Id))
        {
            return;
        }

        if (claim.Current is not { } row)
        {
            if (job.Registered)
            {
                _registry.Remove(job);
                _link.Code.Remove(job.Id);
                outbox.Removed(job);
            }

            return;
        }

        if (!job.Registered)
        {
            // This node thought the schedule done; the store says otherwise. A resync brings the job back.
            return;
        }

        SetState(job, row, now);
    }

    /// <summary>Jobs changed by other nodes (or this one): each takes its row, unless it has a change of its own not stored yet.</summary>
    public void ApplyChanges(IReadOnlyList<StoredJob> rows, DateTimeOffset now, List<ScheduledJob> removed, List<(string Id, string Reason)> unknown)
    {
        foreach (var row in rows)
        {
            SeenVersion = Math.Max(SeenVersion, row.Version);
            if (_link.Writes.Unsaved.Contains(row.Id))
            {
                continue;
            }

            if (_registry.TryFind(row.Id, out var job))
            {
                if (!job.Stored)
                {
                    continue;
                }

                if (row.Deleted)
                {
                    _registry.Remove(job);
                    _link.Code.Remove(row.Id);
                    removed.Add(job);
                }
                else if (!TryApply(job, row, _link.Code[row.Id], now, out string? why))
                {
                    unknown.Add((row.Id, why!));
                }
            }
            else if (!row.Deleted && !_link.Writes.Undeleted.Contains(row.Id) && !TryRevive(row, now, out string? reason) && reason is not null)
            {
                unknown.Add((row.Id, reason));
            }
        }
    }

    /// <summary>The rows of the jobs whose changes are not stored yet; a job removed since is skipped.</summary>
    public List<StoredJob> UnsavedRows()
    {
        var rows = new List<StoredJob>();
        lock (_gate)
        {
            foreach (var id in _link.Writes.Unsaved)
            {
                if (_registry.TryFind(id, out var job) && job.Stored && _link.Code.TryGetValue(id, out var code))
                {
                    rows.Add(StoredForm.Row(job, code));
                }
            }

            _link.Writes.Unsaved.RemoveWhere(id => !_registry.Contains(id));
        }

        return rows;
    }

    /// <summary>Whether the job still stands as <paramref name="saved"/>: if it changed again since its row was taken, it stays unsaved. Under the scheduler's lock.</summary>
    public bool StandsAsSaved(StoredJob saved) =>
        _registry.TryFind(saved.Id, out var job) && _link.Code.TryGetValue(saved.Id, out var code) && StoredForm.Row(job, code) == saved;

    /// <summary>A run of a dead node that this node now runs again; <see langword="null"/> when the job is not here.</summary>
    public JobRun? TakeOver(in OrphanedRun orphan)
    {
        if (!_registry.TryFind(orphan.JobId, out var job) || !job.Stored)
        {
            return null;
        }

        return _executor.Prepare(job, orphan.FirstRun, Math.Max(1, orphan.RunCount), orphan.Attempt, takenOver: true);
    }

    /// <summary>Whether an id was reported unknown already, so a resync reports it once.</summary>
    public bool FirstReport(string id) => _reportedUnknown.Add(id);

    private bool TryApply(ScheduledJob job, StoredJob row, JobDefinition code, DateTimeOffset now, out string? why)
    {
        try
        {
            var definition = row.Target is null ? StoredForm.Definition(row, code) : TargetDefinition(row, code);
            if (!ReferenceEquals(definition, job.Definition))
            {
                job.Definition = definition;
            }
        }
        catch (FormatException e)
        {
            why = $"its stored state is unreadable ({e.Message})";
            return false;
        }

        job.Origin = row.Origin;
        SetState(job, row, now);
        why = null;
        return true;
    }

    private void SetState(ScheduledJob job, StoredJob row, DateTimeOffset now)
    {
        job.Paused = row.Paused;
        if (row.Paused || row.NextRunTime is not { } next)
        {
            _planner.Unschedule(job);
            return;
        }

        _planner.Restore(job, next, now);
    }

    /// <summary>A row of a job added by target, whose job is not here: made again from the table's target.</summary>
    private bool TryRevive(StoredJob row, DateTimeOffset now, out string? reason)
    {
        reason = null;
        if (row.Target is not { } targetId)
        {
            if (FirstReport(row.Id))
            {
                reason = "its id is not in the job table (was the method renamed, or its Name changed?)";
            }

            return false;
        }

        if (!row.Paused && row.NextRunTime is null)
        {
            // Its schedule is done; nothing to bring back.
            return false;
        }

        if (!_registry.TryFindTarget(targetId, out var target))
        {
            if (FirstReport(row.Id))
            {
                reason = $"its target \"{targetId}\" is not a [Job] method of the job table";
            }

            return false;
        }

        JobDefinition definition;
        try
        {
            definition = StoredForm.FromTarget(row, target);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            reason = FirstReport(row.Id) ? $"its stored state is unreadable ({e.Message})" : null;
            return false;
        }

        var job = _registry.Add(definition);
        job.Stored = true;
        _link.Code[row.Id] = definition;
        job.Origin = row.Origin;
        SetState(job, row, now);
        return true;
    }

    private JobDefinition TargetDefinition(StoredJob row, JobDefinition current)
    {
        if (!_registry.TryFindTarget(row.Target!, out var target))
        {
            throw new FormatException($"its target \"{row.Target}\" is not a [Job] method of the job table");
        }

        var definition = StoredForm.FromTarget(row, target);
        _link.Code[row.Id] = definition;
        return TriggerForm.Format(definition.Trigger) == TriggerForm.Format(current.Trigger)
            && OptionsForm.Format(definition.Options) == OptionsForm.Format(current.Options)
            ? current
            : definition;
    }
}
