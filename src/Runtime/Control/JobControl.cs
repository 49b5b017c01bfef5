using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler;

/// <summary>
/// Which jobs the scheduler has, and whether they fire: add (paused or replacing), remove, pause, resume. Each change
/// is validated first and then made whole under the lock (never half-applied); what it reports and submits happens
/// after. Changing a job that stays (its trigger, options, next run) is <see cref="JobChanges"/>.
/// </summary>
internal sealed class JobControl : ControlCalls
{
    private static readonly AddJobOptions Plain = new();

    public JobControl(ControlParts parts)
        : base(parts)
    {
    }

    /// <summary>Takes in the job table the scheduler is made with: its scheduled jobs, and its targets (<c>[Job]</c>). At construction, before anything runs.</summary>
    public void AddTable(IEnumerable<JobDefinition> jobs)
    {
        foreach (var definition in jobs)
        {
            ArgumentNullException.ThrowIfNull(definition, nameof(jobs));
            if (!definition.IsScheduled)
            {
                _registry.AddTarget(definition);
                continue;
            }

            var job = _registry.Add(definition);
            if (_store?.Register(job, ofTable: true) is { } reason)
            {
                Observer.JobNotStored(job.Id, _store.Name, reason);
            }
        }
    }

    public void Add(JobDefinition definition, AddJobOptions? how = null)
    {
        // Named as the public methods name them: Scheduler.AddJob(job), Scheduler.AddJobs(jobs).
        ArgumentNullException.ThrowIfNull(definition, "job");
        how ??= Plain;
        while (true)
        {
            if (how.ReplaceExisting && TryReplace(definition, how.Paused))
            {
                return;
            }

            try
            {
                AddAll(new ReadOnlySpan<JobDefinition>(in definition), "job", how);
                return;
            }
            catch (ConflictingJobIdException) when (how.ReplaceExisting)
            {
                // Added by another thread since TryReplace looked: replace that one.
            }
        }
    }

    /// <summary>Adds a batch as one change: all of it, or (when one job is refused) none of it.</summary>
    public void AddRange(IEnumerable<JobDefinition> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var batch = jobs switch
        {
            JobDefinition[] array => array,
            List<JobDefinition> list => CollectionsMarshal.AsSpan(list),
            _ => jobs.ToArray(),
        };

        foreach (var definition in batch)
        {
            ArgumentNullException.ThrowIfNull(definition, nameof(jobs));
        }

        AddAll(batch, nameof(jobs), Plain);
    }

    private void AddAll(ReadOnlySpan<JobDefinition> batch, string parameter, AddJobOptions how)
    {
        if (_store is null)
        {
            AddUnderLock(batch, parameter, how);
            return;
        }

        // Serialised with the store's start, so a job added while it starts is either in its restore or after it.
        lock (_store.Gate)
        {
            AddUnderLock(batch, parameter, how);
        }
    }

    private void AddUnderLock(ReadOnlySpan<JobDefinition> batch, string parameter, AddJobOptions how)
    {
        Outbox? outbox = null;
        var jobs = new ScheduledJob[batch.Length];
        string?[]? notStored = null;
        bool started;
        lock (_gate)
        {
            _lifecycle.EnsureNotShutDown(batch.Length == 1 ? "add a job" : "add jobs");
            var now = _executor.Time.GetUtcNow();
            EnsureAddable(batch, parameter, now);
            AddToRegistry(batch, jobs);
            if (how.Paused)
            {
                // Paused before it is scheduled, so no fire and no run on start can come in between.
                jobs[0].Paused = true;
                jobs[0].Origin = now;
            }

            if (_store is not null)
            {
                notStored = new string?[jobs.Length];
                for (int i = 0; i < jobs.Length; i++)
                {
                    notStored[i] = _store.Register(jobs[i], ofTable: false);
                }
            }

            started = _lifecycle.IsStarted;
            if (started)
            {
                outbox = new Outbox(Observer);
                bool runNow = _lifecycle.State == SchedulerState.Running;
                _registry.BeginBulk(jobs.Length);
                try
                {
                    foreach (var job in jobs)
                    {
                        MarkChanged(job);
                        if (!job.Paused)
                        {
                            _planner.Schedule(job, now, runNow && job.Definition.Options.RunOnStart, outbox);
                        }
                    }
                }
                finally
                {
                    _registry.EndBulk();
                }

                _loop.Wake();
            }
        }

        for (int i = 0; i < jobs.Length; i++)
        {
            if (notStored?[i] is { } reason)
            {
                Observer.JobNotStored(jobs[i].Id, _store!.Name, reason);
            }

            // Before the start, the store's restore decides: a stored row with the same schedule keeps its state.
            if (started)
            {
                WriteMarked(jobs[i]);
            }

            Observer.JobAdded(jobs[i]);
            if (how.Paused)
            {
                Observer.JobPaused(jobs[i]);
            }
        }

        outbox?.Flush(_executor);
    }

    /// <summary>Replaces the job with the definition's id, if there is one; <see langword="false"/> when there is none.</summary>
    private bool TryReplace(JobDefinition definition, bool paused)
    {
        var outbox = new Outbox(Observer);
        ScheduledJob? job;
        lock (_gate)
        {
            _lifecycle.EnsureNotShutDown("add a job");
            if (!_registry.TryFind(definition.Id, out job))
            {
                return false;
            }

            var now = _executor.Time.GetUtcNow();
            EnsureRuns(definition.Id, definition.Trigger, now);
            ServiceCheck.EnsureServices(new ReadOnlySpan<JobDefinition>(in definition), _executor.Services);
            Replace(job, definition, paused, now, outbox);
            MarkChanged(job);
        }

        WriteMarked(job);
        Observer.JobModified(job);
        outbox.Flush(_executor);
        return true;
    }

    /// <summary>
    /// Gives a registered job a new definition in place, for <see cref="AddJobOptions.ReplaceExisting"/>: its slot and
    /// runs in progress stay, its schedule starts afresh from <paramref name="now"/>. Under the lock.
    /// </summary>
    private void Replace(ScheduledJob job, JobDefinition definition, bool paused, DateTimeOffset now, Outbox outbox)
    {
        if (job.Stored && _store!.Replace(job, definition) is { } reason)
        {
            throw new ArgumentException(
                $"Job \"{definition.Id}\" is kept by job store {_store.Name}, and its replacement cannot be: {reason}. Remove the job first to replace it with one the store does not keep.",
                "job");
        }

        job.Definition = definition;
        job.Paused = paused;
        _planner.Unschedule(job);
        if (!_lifecycle.IsStarted)
        {
            return;
        }

        job.Origin = now;
        if (!paused)
        {
            _planner.Reschedule(job, now, outbox);
            _loop.Wake();
        }
    }

    /// <summary>
    /// Refuses the batch, before any of it is added, if a definition has no schedule, never fires, or needs services
    /// the scheduler has none of: one look at each definition for all three, as a batch of a million reads each from
    /// memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EnsureAddable(ReadOnlySpan<JobDefinition> batch, string parameter, DateTimeOffset now)
    {
        bool needsServices = false;
        foreach (var definition in batch)
        {
            if (!definition.IsScheduled)
            {
                throw new ArgumentException(
                    $"Job \"{definition.Id}\" has no schedule (it is a [Job] target): schedule it with AddJob(id, target: \"{definition.Id}\", trigger).",
                    parameter);
            }

            EnsureRuns(definition.Id, definition.Trigger, now);
            needsServices |= definition.NeedsServices;
        }

        if (needsServices)
        {
            ServiceCheck.EnsureServices(batch, _executor.Services);
        }
    }

    /// <summary>Adds every job of the batch to the registry, or none: a clash (with a job there or within the batch) takes back the ones added.</summary>
    private void AddToRegistry(ReadOnlySpan<JobDefinition> batch, ScheduledJob[] jobs)
    {
        _registry.EnsureCapacity(batch.Length);
        int added = 0;
        try
        {
            _registry.AddRange(batch, jobs, ref added);
        }
        catch (ConflictingJobIdException)
        {
            for (int i = 0; i < added; i++)
            {
                _registry.Remove(jobs[i]);
            }

            throw;
        }
    }

    public JobDefinition Add(string id, JobTrigger trigger, JobInvoker invoker, JobOptions? options)
    {
        var definition = new JobDefinition(id, trigger, invoker, options);
        Add(definition);
        return definition;
    }

    /// <summary>Adds a job that runs the table's target <paramref name="target"/>: what a persistent store can keep.</summary>
    public JobDefinition AddTarget(string id, string target, JobTrigger trigger, JobOptions? options, AddJobOptions? how = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!_registry.TryFindTarget(target, out var definition))
        {
            throw new ArgumentException(
                $"Job \"{id}\": no target has the id \"{target}\". A target is a [Job] method of the job table, by its id " +
                "(Namespace.Type.Method unless its attribute sets Name); pass the table to the Scheduler.", nameof(target));
        }

        var job = JobDefinition.ForTarget(id, trigger, definition, options);
        Add(job, how);
        return job;
    }

    public void Remove(string id)
    {
        ScheduledJob job;
        lock (_gate)
        {
            job = _registry.Find(id);
            _registry.Remove(job);
            _store?.Code.Remove(id);
            _store?.Writes.MarkRemoved(job);
        }

        WriteMarked(job);

        Observer.JobRemoved(job);
    }

    public void Pause(string id)
    {
        ScheduledJob job;
        lock (_gate)
        {
            _lifecycle.EnsureNotShutDown("pause a job");
            job = _registry.Find(id);
            if (job.Paused)
            {
                return;
            }

            job.Paused = true;
            _planner.Unschedule(job);
            MarkChanged(job);
        }

        WriteMarked(job);
        Observer.JobPaused(job);
    }

    public void Resume(string id)
    {
        var outbox = new Outbox(Observer);
        ScheduledJob job;
        lock (_gate)
        {
            _lifecycle.EnsureNotShutDown("resume a job");
            job = _registry.Find(id);
            if (!job.Paused)
            {
                return;
            }

            job.Paused = false;
            MarkChanged(job);
            if (_lifecycle.IsStarted)
            {
                // From now on the job's original grid: runs that fell due while it was paused are not made.
                _planner.Reschedule(job, _executor.Time.GetUtcNow(), outbox);
                _loop.Wake();
            }
        }

        WriteMarked(job);
        Observer.JobResumed(job);
        outbox.Flush(_executor);
    }
}
