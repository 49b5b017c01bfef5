using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

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
    private readonly List<JobRun?> _runs = [];
    private readonly List<FireClaim> _claims = [];
    private readonly List<ClaimSpan> _spans = [];
    private readonly List<FireClaim> _spareClaims = [];

    public Outbox(SchedulerObserver observer) => Observer = observer;

    public SchedulerObserver Observer { get; }

    public bool IsEmpty => _reports.Count == 0 && _runs.Count == 0;

    /// <summary>Whether fires of stored jobs wait for the store's verdict.</summary>
    public bool HasClaims => _claims.Count > 0;

    /// <summary>The fires of stored jobs in this outbox, for <see cref="IJobStore.Claim"/>.</summary>
    public IReadOnlyList<FireClaim> Claims => _claims;

    /// <summary>The job of claim <paramref name="index"/>.</summary>
    public ScheduledJob ClaimedJob(int index) => _spans[index].Job;

    /// <summary>Opens the claim of a stored job's fire from <paramref name="due"/>: the runs and reports until <see cref="EndClaim"/> hang on it.</summary>
    public void BeginClaim(ScheduledJob job, DateTimeOffset due)
    {
        FireClaim claim;
        if (_spareClaims.Count > 0)
        {
            claim = _spareClaims[^1];
            _spareClaims.RemoveAt(_spareClaims.Count - 1);
        }
        else
        {
            claim = new FireClaim();
        }

        claim.Reset(job.Id, due, null, job.Definition.Options.Delivery);
        _claims.Add(claim);
        _spans.Add(new ClaimSpan(job, _runs.Count, _reports.Count, 0, 0));
    }

    /// <summary>Closes the open claim with the job's next run time; a job its trigger paused makes no claim.</summary>
    public void EndClaim(ScheduledJob job)
    {
        int last = _claims.Count - 1;
        var span = _spans[last] with { RunsTo = _runs.Count, ReportsTo = _reports.Count };
        if (job.Paused)
        {
            // The trigger failed: the code is at fault, on every node alike, so the stored schedule is left alone.
            _spareClaims.Add(_claims[last]);
            _claims.RemoveAt(last);
            _spans.RemoveAt(last);
            return;
        }

        var claim = _claims[last];
        claim.Reset(claim.JobId, claim.Due, job.Grid, claim.Delivery);
        if (span.RunsTo > span.RunsFrom && _runs[span.RunsFrom] is { } run)
        {
            claim.SetRun(run.ScheduledTime, run.Count);
        }

        _spans[last] = span;
    }

    /// <summary>Takes back what a lost or failed claim would have done: its runs are discarded and its reports dropped.</summary>
    public void Drop(int index, RunExecutor executor)
    {
        var span = _spans[index];
        for (int i = span.RunsFrom; i < span.RunsTo; i++)
        {
            if (_runs[i] is { } run)
            {
                executor.Discard(run);
                _runs[i] = null;
            }
        }

        for (int i = span.ReportsFrom; i < span.ReportsTo; i++)
        {
            _reports[i] = _reports[i] with { Kind = ReportKind.Dropped };
        }
    }

    public void Run(JobRun run)
    {
        _runs.Add(run);
        if (Observer.Listening)
        {
            Submitted(run);
        }
    }

    // The reports below are built out of line, every one: inlined into the firing loop's every fire, each report's
    // struct was a slot of its frame that the fire zeroed on entry, whether or not a report was made (with the
    // backlog's plan, 480 bytes a fire).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Submitted(JobRun run) => _reports.Add(new Report(ReportKind.Submitted, run.Job, run.ScheduledTime));

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Missed(ScheduledJob job, DateTimeOffset first, TimeSpan lateness, long? count = 1, DateTimeOffset? last = null)
    {
        if (Observer.Wants(Microsoft.Extensions.Logging.LogLevel.Warning))
        {
            _reports.Add(new Report(ReportKind.Missed, job, first, lateness, count, last));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void MaxInstancesReached(ScheduledJob job, DateTimeOffset scheduledTime)
    {
        if (Observer.Wants(Microsoft.Extensions.Logging.LogLevel.Warning))
        {
            _reports.Add(new Report(ReportKind.MaxInstances, job, scheduledTime));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Removed(ScheduledJob job) => _reports.Add(new Report(ReportKind.Removed, job, default));

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void NoRunTime(ScheduledJob job, DateTimeOffset now) => _reports.Add(new Report(ReportKind.NoRunTime, job, now));

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void TriggerFailed(ScheduledJob job, Exception fault) => _reports.Add(new Report(ReportKind.TriggerFailed, job, default, Error: fault));

    /// <summary>Throws everything away, handing back the runs taken in flight: for a start that failed.</summary>
    public void Discard(RunExecutor executor)
    {
        foreach (var run in _runs)
        {
            if (run is not null)
            {
                executor.Discard(run);
            }
        }

        _runs.Clear();
        _reports.Clear();
        _spareClaims.AddRange(_claims);
        _claims.Clear();
        _spans.Clear();
    }

    /// <summary>Makes every report, in order, then submits every run; and is empty again.</summary>
    /// <remarks>Reports first, so that a listener hears of a submission before the run can end.</remarks>
    public void Flush(RunExecutor executor, InlineRuns? inline = null)
    {
        try
        {
            MakeReports();
        }
        finally
        {
            _reports.Clear();
            _spareClaims.AddRange(_claims);
            _claims.Clear();
            _spans.Clear();

            // Whatever happened above, a run taken in flight is handed on, or it would hold its job's instance for ever.
            if (_runs.Count > 0)
            {
                executor.Submit(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_runs), inline);
                _runs.Clear();
            }
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
        Dropped,
        Submitted,
        Missed,
        MaxInstances,
        Removed,
        NoRunTime,
        TriggerFailed,
    }

    /// <summary>Where a claim's runs and reports are in the lists: [From, To).</summary>
    private readonly record struct ClaimSpan(ScheduledJob Job, int RunsFrom, int ReportsFrom, int RunsTo, int ReportsTo);

    private readonly record struct Report(
        ReportKind Kind, ScheduledJob Job, DateTimeOffset Time, TimeSpan Lateness = default, long? Count = 1, DateTimeOffset? Last = null, Exception? Error = null);
}
