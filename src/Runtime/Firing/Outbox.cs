using System;
using System.Collections.Generic;

namespace GenScheduler;

/// <summary>
/// What a change made under the scheduler's lock leaves to do once the lock is released: runs to hand to the
/// executor and reports for the observer. So no log line, listener or thread-pool call ever runs under the lock.
/// </summary>
/// <remarks>
/// The firing loop keeps one and reuses it, so a fire adds no garbage: entries are structs in a list that keeps its
/// capacity, and a report is only buffered when it would be logged or listened to.
/// </remarks>
internal sealed class Outbox
{
    private readonly List<Report> _reports = [];
    private readonly List<JobRun> _runs = [];

    public Outbox(SchedulerObserver observer) => Observer = observer;

    public SchedulerObserver Observer { get; }

    public bool IsEmpty => _reports.Count == 0 && _runs.Count == 0;

    public void Run(JobRun run)
    {
        _runs.Add(run);
        if (Observer.Listening)
        {
            _reports.Add(new Report(ReportKind.Submitted, run.Job, run.ScheduledTime));
        }
    }

    public void Missed(ScheduledJob job, DateTimeOffset first, TimeSpan lateness, long? count = 1, DateTimeOffset? last = null)
    {
        if (Observer.Wants(Microsoft.Extensions.Logging.LogLevel.Warning))
        {
            _reports.Add(new Report(ReportKind.Missed, job, first, lateness, count, last));
        }
    }

    public void MaxInstancesReached(ScheduledJob job, DateTimeOffset scheduledTime)
    {
        if (Observer.Wants(Microsoft.Extensions.Logging.LogLevel.Warning))
        {
            _reports.Add(new Report(ReportKind.MaxInstances, job, scheduledTime));
        }
    }

    public void Removed(ScheduledJob job) => _reports.Add(new Report(ReportKind.Removed, job, default));

    public void NoRunTime(ScheduledJob job, DateTimeOffset now) => _reports.Add(new Report(ReportKind.NoRunTime, job, now));

    public void TriggerFailed(ScheduledJob job, Exception fault) => _reports.Add(new Report(ReportKind.TriggerFailed, job, default, Error: fault));

    /// <summary>Makes every report, in order, then submits every run; and is empty again.</summary>
    /// <remarks>Reports first, so that a listener hears of a submission before the run can end.</remarks>
    public void Flush(RunExecutor executor)
    {
        try
        {
            MakeReports();
        }
        finally
        {
            _reports.Clear();

            // Whatever happened above, a run taken in flight is handed on, or it would hold its job's instance for ever.
            for (int i = 0; i < _runs.Count; i++)
            {
                executor.Submit(_runs[i]);
            }

            _runs.Clear();
        }
    }

    private void MakeReports()
    {
        for (int i = 0; i < _reports.Count; i++)
        {
            var r = _reports[i];
            switch (r.Kind)
            {
                case ReportKind.Submitted:
                    Observer.JobSubmitted(r.Job, r.Time);
                    break;
                case ReportKind.Missed:
                    Observer.JobMissed(r.Job, r.Time, r.Lateness, r.Count, r.Last);
                    break;
                case ReportKind.MaxInstances:
                    Observer.MaxInstancesReached(r.Job, r.Time);
                    break;
                case ReportKind.Removed:
                    Observer.JobRemoved(r.Job);
                    break;
                case ReportKind.NoRunTime:
                    Observer.NoRunTime(r.Job, r.Time);
                    break;
                case ReportKind.TriggerFailed:
                    Observer.TriggerFailed(r.Job, r.Error!);
                    break;
            }
        }
    }

    private enum ReportKind
    {
        Submitted,
        Missed,
        MaxInstances,
        Removed,
        NoRunTime,
        TriggerFailed,
    }

    private readonly record struct Report(
        ReportKind Kind, ScheduledJob Job, DateTimeOffset Time, TimeSpan Lateness = default, long? Count = 1, DateTimeOffset? Last = null, Exception? Error = null);
}
