using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// Listing the jobs as APScheduler's <c>get_jobs()</c> and <c>print_jobs()</c> do: by next run time, soonest first;
/// jobs without one (paused, finished, or all of them before the scheduler starts) after, by id.
/// </summary>
internal sealed class JobListing
{
    private readonly Lock _gate;
    private readonly JobRegistry _registry;
    private readonly SchedulerObserver _observer;

    public JobListing(Lock gate, JobRegistry registry, SchedulerObserver observer)
    {
        _gate = gate;
        _registry = registry;
        _observer = observer;
    }

    /// <summary>The instant the earliest job is due at, from the top of the heap: O(1), for health checks.</summary>
    public DateTimeOffset? NextDueTime()
    {
        lock (_gate)
        {
            return _registry.TryPeek(out long due, out _) ? new DateTimeOffset(due, TimeSpan.Zero) : null;
        }
    }

    public List<JobInfo> GetJobs()
    {
        var jobs = new List<JobInfo>(_registry.Count);
        lock (_gate)
        {
            for (int slot = 0; slot < _registry.SlotCount; slot++)
            {
                if (_registry[slot] is { } job)
                {
                    jobs.Add(Snapshot(job));
                }
            }
        }

        jobs.Sort(static (a, b) =>
        {
            int order = (a.NextRunTime is null).CompareTo(b.NextRunTime is null);
            if (order == 0 && a.NextRunTime is { } x && b.NextRunTime is { } y)
            {
                order = x.CompareTo(y);
            }

            return order != 0 ? order : string.CompareOrdinal(a.Id, b.Id);
        });
        return jobs;
    }

    public JobInfo GetJob(string id)
    {
        lock (_gate)
        {
            return Snapshot(_registry.Find(id));
        }
    }

    public bool TryGetJob(string id, out JobInfo? job)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            job = _registry.TryFind(id, out var found) ? Snapshot(found) : null;
            return job is not null;
        }
    }

    public string Describe()
    {
        var jobs = GetJobs();
        var text = new StringBuilder("Jobstore default:").AppendLine();
        if (jobs.Count == 0)
        {
            text.AppendLine("    No scheduled jobs");
        }

        foreach (var job in jobs)
        {
            text.Append("    ").AppendLine(job.ToString());
        }

        return text.ToString();
    }

    public void Print(TextWriter? writer) => (writer ?? Console.Out).Write(Describe());

    private JobInfo Snapshot(ScheduledJob job)
    {
        long due = _registry.DueTicks(job);
        DateTimeOffset? next = due == ScheduledJob.None || job.Paused ? null : new DateTimeOffset(due, TimeSpan.Zero);
        return new JobInfo(job.Definition, next, job.Paused, job.Running, _observer.Started);
    }
}
