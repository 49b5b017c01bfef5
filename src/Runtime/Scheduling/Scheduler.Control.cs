using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler;

/// <summary>Changing the schedule while it runs: every change is made under the lock and wakes the timer.</summary>
public sealed partial class Scheduler
{
    /// <summary>Lists the jobs, each with its trigger, next run time and state.</summary>
    /// <returns>A snapshot of every job.</returns>
    public IReadOnlyList<JobInfo> GetJobs()
    {
        lock (_gate)
        {
            var jobs = new List<JobInfo>(_byId.Count);
            foreach (var job in _jobs)
            {
                if (job is not null)
                {
                    jobs.Add(Snapshot(job));
                }
            }

            return jobs;
        }
    }

    /// <summary>Finds one job by id.</summary>
    /// <param name="id">The job's id.</param>
    /// <returns>A snapshot of the job.</returns>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    public JobInfo GetJob(string id)
    {
        lock (_gate)
        {
            return Snapshot(Find(id));
        }
    }

    /// <summary>
    /// Every job as APScheduler's <c>print_jobs()</c> prints it, one per line under <c>Jobstore default:</c>:
    /// <c>Jobs.Tick (trigger: interval[0:00:03], next run at: 2026-11-27 14:06:39 UTC)</c>.
    /// </summary>
    /// <returns>The listing.</returns>
    public string Describe()
    {
        var text = new StringBuilder("Jobstore default:").AppendLine();
        lock (_gate)
        {
            if (_byId.Count == 0)
            {
                text.AppendLine("    No scheduled jobs");
            }

            foreach (var job in _jobs)
            {
                if (job is not null)
                {
                    text.Append("    ").AppendLine(Describe(job));
                }
            }
        }

        return text.ToString();
    }

    /// <summary>Writes <see cref="Describe()"/> to <paramref name="writer"/>, or to the console.</summary>
    /// <param name="writer">Where to write; <see cref="Console.Out"/> when omitted.</param>
    public void PrintJobs(TextWriter? writer = null) => (writer ?? Console.Out).Write(Describe());

    /// <summary>
    /// Adds a job. Before <see cref="Start"/> it waits for the start like the table's jobs; on a running scheduler it is
    /// scheduled from now at once, and fires on time even if it is due before anything else.
    /// </summary>
    /// <param name="job">The job.</param>
    /// <exception cref="ConflictingJobIdException">Another job has the same id.</exception>
    /// <exception cref="SchedulerNotRunningException">The scheduler has been shut down.</exception>
    public void AddJob(JobDefinition job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_gate)
        {
            EnsureNotStopped("add a job");
            var added = Register(job);
            Raise(SchedulerEventKind.JobAdded, added);
            if (_state is SchedulerState.Running or SchedulerState.Paused)
            {
                var now = _time.GetUtcNow();
                PutOnSchedule(added, now);
                Arm(now.UtcTicks);
            }
        }

        SchedulerLog.JobAdded(_logger, job.ToString());
    }

    /// <summary>Adds a job that calls <paramref name="action"/>: a delegate is a direct call, so this needs no reflection either.</summary>
    /// <param name="id">A unique job id.</param>
    /// <param name="trigger">When it fires.</param>
    /// <param name="action">What a run does.</param>
    /// <param name="options">Misfire, coalescing and concurrency options.</param>
    /// <returns>The job's definition.</returns>
    public JobDefinition AddJob(string id, JobTrigger trigger, Action action, JobOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        var definition = new JobDefinition(id, trigger, _ =>
        {
            action();
            return default;
        }, options);
        AddJob(definition);
        return definition;
    }

    /// <summary>Adds an async job that calls <paramref name="action"/> with the run's cancellation token.</summary>
    /// <param name="id">A unique job id.</param>
    /// <param name="trigger">When it fires.</param>
    /// <param name="action">What a run does.</param>
    /// <param name="options">Misfire, coalescing and concurrency options.</param>
    /// <returns>The job's definition.</returns>
    public JobDefinition AddJob(string id, JobTrigger trigger, Func<CancellationToken, Task> action, JobOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        var definition = new JobDefinition(id, trigger, context => new ValueTask(action(context.CancellationToken)), options);
        AddJob(definition);
        return definition;
    }

    /// <summary>Removes a job. A run in progress finishes; no new run starts.</summary>
    /// <param name="id">The job's id.</param>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    public void RemoveJob(string id)
    {
        lock (_gate)
        {
            var job = Find(id);
            Unregister(job);
            ReportRemoved(job);
        }
    }

    /// <summary>Pauses a job: it does not fire until <see cref="ResumeJob"/>. A run in progress finishes.</summary>
    /// <param name="id">The job's id.</param>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    /// <exception cref="SchedulerNotRunningException">The scheduler has been shut down.</exception>
    public void PauseJob(string id)
    {
        lock (_gate)
        {
            EnsureNotStopped("pause a job");
            var job = Find(id);
            if (job.Paused)
            {
                return;
            }

            job.Paused = true;
            job.Grid = null;
            _heap.Remove(job.Slot);
            Arm(_time.GetUtcNow().UtcTicks);
            Raise(SchedulerEventKind.JobPaused, job);
        }
    }

    /// <summary>
    /// Resumes a paused job. It picks up its schedule from now: runs that fell due while it was paused are not run.
    /// An interval job stays on its original grid.
    /// </summary>
    /// <param name="id">The job's id.</param>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    /// <exception cref="SchedulerNotRunningException">The scheduler has been shut down.</exception>
    public void ResumeJob(string id)
    {
        lock (_gate)
        {
            EnsureNotStopped("resume a job");
            var job = Find(id);
            if (!job.Paused)
            {
                return;
            }

            job.Paused = false;
            Raise(SchedulerEventKind.JobResumed, job);
            if (_state is SchedulerState.Running or SchedulerState.Paused)
            {
                var now = _time.GetUtcNow();
                SetNext(job, job.Definition.Trigger.GetFirstFireTime(now, job.Origin), now);
                RemoveIfDone(job);
                Arm(now.UtcTicks);
            }
        }
    }

    /// <summary>
    /// Pauses the whole scheduler: nothing fires until <see cref="Resume"/>. Runs in progress finish. On resume, runs
    /// that came due meanwhile go through the misfire rules: coalesced, run if within grace, or reported missed.
    /// </summary>
    /// <exception cref="SchedulerNotRunningException">The scheduler is not running.</exception>
    public void Pause()
    {
        lock (_gate)
        {
            if (_state != SchedulerState.Running)
            {
                throw new SchedulerNotRunningException($"Cannot pause: the scheduler is {_state}, not Running.");
            }

            _state = SchedulerState.Paused;
            Arm(0);
            Raise(SchedulerEventKind.SchedulerPaused, null);
        }
    }

    /// <summary>Resumes a paused scheduler; what fell due meanwhile is judged by the misfire rules at once.</summary>
    /// <exception cref="SchedulerNotRunningException">The scheduler is not paused.</exception>
    public void Resume()
    {
        lock (_gate)
        {
            if (_state != SchedulerState.Paused)
            {
                throw new SchedulerNotRunningException($"Cannot resume: the scheduler is {_state}, not Paused.");
            }

            _state = SchedulerState.Running;
            Raise(SchedulerEventKind.SchedulerResumed, null);
            ProcessDue(_time.GetUtcNow());
        }
    }

    /// <summary>
    /// Runs a job now, outside its schedule, which goes on unchanged. The run counts towards
    /// <see cref="JobOptions.MaxInstances"/>: when that many are running, it is skipped and reported.
    /// </summary>
    /// <param name="id">The job's id.</param>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    /// <exception cref="SchedulerNotRunningException">The scheduler is not running.</exception>
    public void RunNow(string id)
    {
        lock (_gate)
        {
            if (_state is not (SchedulerState.Running or SchedulerState.Paused))
            {
                throw new SchedulerNotRunningException($"Cannot run \"{id}\" now: the scheduler is {_state}. Start it first.");
            }

            var now = _time.GetUtcNow();
            Submit(Find(id), now, now);
        }
    }

    /// <summary>Gives a job a new trigger. Its schedule starts afresh from now, as if it had just been added.</summary>
    /// <param name="id">The job's id.</param>
    /// <param name="trigger">The new trigger.</param>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    /// <exception cref="SchedulerNotRunningException">The scheduler has been shut down.</exception>
    public void RescheduleJob(string id, JobTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        lock (_gate)
        {
            EnsureNotStopped("reschedule a job");
            var job = Find(id);
            job.Definition = new JobDefinition(job.Id, trigger, job.Definition.Invoker, job.Definition.Options);
            Raise(SchedulerEventKind.JobModified, job);
            if (_state is not (SchedulerState.Running or SchedulerState.Paused))
            {
                return;
            }

            // A paused job keeps the new origin too, so the new trigger starts from the reschedule, not from the old start.
            var now = _time.GetUtcNow();
            job.Origin = now;
            if (!job.Paused)
            {
                SetNext(job, trigger.GetFirstFireTime(now, now), now);
                RemoveIfDone(job);
                Arm(now.UtcTicks);
            }
        }
    }

    /// <summary>Replaces a job's options (grace time, coalescing, max instances, jitter, timeout). They apply from the next run.</summary>
    /// <param name="id">The job's id.</param>
    /// <param name="options">The new options.</param>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    public void ModifyJob(string id, JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_gate)
        {
            var job = Find(id);
            job.Definition = new JobDefinition(job.Id, job.Definition.Trigger, job.Definition.Invoker, options);
            Raise(SchedulerEventKind.JobModified, job);
        }
    }

    private ScheduledJob Register(JobDefinition definition)
    {
        // One hash of the id for both the clash check and the insert.
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_byId, definition.Id, out bool exists);
        if (exists)
        {
            throw new ConflictingJobIdException(
                $"Two jobs have the id \"{definition.Id}\". Job ids must be unique: give one of them another Name.")
            {
                JobId = definition.Id,
            };
        }

        int slot = _freeSlots.TryPop(out int free) ? free : _jobs.Count;
        var job = new ScheduledJob(definition, slot);
        entry = job;
        if (slot == _jobs.Count)
        {
            _jobs.Add(job);
        }
        else
        {
            _jobs[slot] = job;
        }

        return job;
    }

    private void Unregister(ScheduledJob job)
    {
        _heap.Remove(job.Slot);
        job.Grid = null;
        _byId.Remove(job.Id);
        _jobs[job.Slot] = null;
        _freeSlots.Push(job.Slot);
        Arm(_time.GetUtcNow().UtcTicks);
    }

    private ScheduledJob Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_byId.TryGetValue(id, out var job))
        {
            return job;
        }

        throw new JobNotFoundException($"No job has the id \"{id}\". Ids are Namespace.Type.Method unless the attribute sets Name.")
        {
            JobId = id,
        };
    }

    private void EnsureNotStopped(string action)
    {
        if (_state is SchedulerState.ShuttingDown or SchedulerState.Stopped)
        {
            throw new SchedulerNotRunningException($"Cannot {action}: the scheduler is {_state}.");
        }
    }

    private JobInfo Snapshot(ScheduledJob job)
    {
        DateTimeOffset? next = IsScheduled(job) ? new DateTimeOffset(_heap.DueOf(job.Slot), TimeSpan.Zero) : null;
        return new JobInfo(job.Definition, next, job.Paused, job.Running, Describe(job));
    }
}
