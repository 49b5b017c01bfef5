using System;
using System.Collections.Generic;
using System.Threading;

namespace GenScheduler.Hosting;

/// <summary>
/// How many times in a row each job has failed, counted from <see cref="Scheduler.EventRaised"/>: a
/// <see cref="SchedulerEventKind.JobError"/> adds one, a <see cref="SchedulerEventKind.JobExecuted"/> (a run that
/// succeeded) or <see cref="SchedulerEventKind.JobRemoved"/> ends the streak. Only failing jobs are held, so the health
/// check reads a handful of entries however many jobs there are. Registered with the health check only: listening
/// makes the scheduler create an event object per run, which an app without the check does not pay for.
/// </summary>
internal sealed class JobFailureStreaks
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Count, Exception? Last)> _streaks = new(StringComparer.Ordinal);

    public void Attach(Scheduler scheduler) => scheduler.EventRaised += OnEvent;

    /// <summary>The jobs that failed at least <paramref name="count"/> times in a row, by id, with their last error.</summary>
    public List<(string Id, int Count, Exception? Last)> AtLeast(int count)
    {
        var failing = new List<(string Id, int Count, Exception? Last)>();
        lock (_gate)
        {
            foreach (var (id, streak) in _streaks)
            {
                if (streak.Count >= count)
                {
                    failing.Add((id, streak.Count, streak.Last));
                }
            }
        }

        failing.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return failing;
    }

    private void OnEvent(object? sender, SchedulerEventArgs e)
    {
        if (e.JobId is not { } id)
        {
            return;
        }

        switch (e.Kind)
        {
            case SchedulerEventKind.JobError:
                lock (_gate)
                {
                    _streaks[id] = (_streaks.TryGetValue(id, out var streak) ? streak.Count + 1 : 1, e.Exception);
                }

                break;
            case SchedulerEventKind.JobExecuted or SchedulerEventKind.JobRemoved:
                lock (_gate)
                {
                    _streaks.Remove(id);
                }

                break;
        }
    }
}
