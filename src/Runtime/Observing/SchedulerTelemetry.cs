using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace GenScheduler;

/// <summary>
/// The scheduler's metrics (meter <c>GenScheduler</c>) and traces (activity source <c>GenScheduler</c>), in
/// OpenTelemetry's style, every instrument tagged with <c>job.id</c>. System.Diagnostics only: no dependency on
/// OpenTelemetry, which reads them as it reads .NET's own.
/// </summary>
/// <remarks>
/// Nothing here costs more than a flag check when nobody listens: each instrument's <c>Enabled</c> and the source's
/// <c>HasListeners()</c> are asked first, so values are not even computed. One meter per scheduler (from
/// <see cref="SchedulerOptions.MeterFactory"/> when a host gives one), so that the jobs-scheduled gauge is this scheduler's.
/// </remarks>
internal sealed class SchedulerTelemetry : IDisposable
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "GenScheduler";

    private static readonly ActivitySource Source = new(Name, typeof(SchedulerTelemetry).Assembly.GetName().Version?.ToString());

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _lateness;
    private readonly Counter<long> _misfires;
    private readonly Counter<long> _skips;
    private readonly UpDownCounter<long> _active;

    public SchedulerTelemetry(IMeterFactory? factory, Func<int> jobCount)
    {
        var options = new MeterOptions(Name) { Version = typeof(SchedulerTelemetry).Assembly.GetName().Version?.ToString() };
        // A factory's meters are the factory's (it caches and disposes them); one made here is this scheduler's.
        _ownsMeter = factory is null;
        _meter = factory?.Create(options) ?? new Meter(options);
        _runs = _meter.CreateCounter<long>("genscheduler.job.runs", "{run}", "Runs that ended, by outcome: succeeded, failed, cancelled.");
        _duration = _meter.CreateHistogram<double>("genscheduler.job.run.duration", "s", "How long runs took.");
        _lateness = _meter.CreateHistogram<double>("genscheduler.job.start.lateness", "s", "How late runs started after their scheduled time.");
        _misfires = _meter.CreateCounter<long>("genscheduler.job.misfires", "{run}", "Runs missed: later than their grace time.");
        _skips = _meter.CreateCounter<long>("genscheduler.job.max_instances.skips", "{run}", "Runs skipped because the job's maximum number of running instances was reached.");
        _active = _meter.CreateUpDownCounter<long>("genscheduler.job.runs.active", "{run}", "Runs executing now.");
        _meter.CreateObservableGauge("genscheduler.jobs.scheduled", jobCount, "{job}", "Jobs held by the scheduler.");
    }

    /// <summary>A run starts: its span (if anybody traces), the active count and its lateness.</summary>
    // The flags first, and what they guard out of line: inlined into every run, the tags (structs that hold references)
    // were slots of the run's frame, zeroed at each run whether or not anybody listened.
    public Activity? RunStarted(string jobId, DateTimeOffset scheduledTime, DateTimeOffset start, int attempt) =>
        _active.Enabled || _lateness.Enabled || Source.HasListeners() ? RecordStart(jobId, scheduledTime, start, attempt) : null;

    /// <summary>
    /// A run ended: the run counter by outcome, its duration, the active count, and its span's end; <see langword="false"/>
    /// when nothing was recorded (nobody listens).
    /// </summary>
    public bool RunEnded(string jobId, RunOutcome result, TimeSpan duration, Exception? error, Activity? activity) =>
        (activity is not null || _runs.Enabled || _duration.Enabled || _active.Enabled) && RecordEnd(jobId, result, duration, error, activity);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Activity? RecordStart(string jobId, DateTimeOffset scheduledTime, DateTimeOffset start, int attempt)
    {
        var tag = new KeyValuePair<string, object?>("job.id", jobId);
        if (_active.Enabled)
        {
            _active.Add(1, tag);
        }

        if (_lateness.Enabled)
        {
            _lateness.Record(Math.Max(0, (start - scheduledTime).TotalSeconds), tag);
        }

        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity($"run {jobId}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("job.id", jobId);
            activity.SetTag("job.scheduled_time", scheduledTime.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            activity.SetTag("job.attempt", attempt);
        }

        return activity;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RecordEnd(string jobId, RunOutcome result, TimeSpan duration, Exception? error, Activity? activity)
    {
        string outcome = result switch
        {
            RunOutcome.Failed => "failed",
            RunOutcome.Cancelled => "cancelled",
            _ => "succeeded",
        };
        var tag = new KeyValuePair<string, object?>("job.id", jobId);
        var outcomeTag = new KeyValuePair<string, object?>("job.outcome", outcome);
        bool recorded = false;
        if (_runs.Enabled)
        {
            _runs.Add(1, tag, outcomeTag);
            recorded = true;
        }

        if (_duration.Enabled)
        {
            _duration.Record(duration.TotalSeconds, tag, outcomeTag);
            recorded = true;
        }

        if (_active.Enabled)
        {
            _active.Add(-1, tag);
            recorded = true;
        }

        if (activity is null)
        {
            return recorded;
        }

        activity.SetTag("job.outcome", outcome);
        if (error is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
            activity.AddException(error);
        }

        activity.Stop();
        return true;
    }

    public void Missed(string jobId, long count)
    {
        if (_misfires.Enabled)
        {
            _misfires.Add(count, new KeyValuePair<string, object?>("job.id", jobId));
        }
    }

    public void Skipped(string jobId)
    {
        if (_skips.Enabled)
        {
            _skips.Add(1, new KeyValuePair<string, object?>("job.id", jobId));
        }
    }

    /// <summary>Whether a missed or skipped run should be reported even when nothing logs it: a metric counts it.</summary>
    public bool CountsSkips => _misfires.Enabled || _skips.Enabled;

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
