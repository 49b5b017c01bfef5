using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenScheduler;

/// <summary>
/// Turns what happened into log lines and <see cref="Scheduler.EventRaised"/> events. Always called outside the
/// scheduler's lock, and never lets a logger or a listener that throws reach the caller.
/// </summary>
/// <remarks>Nothing here allocates unless the log level is on or somebody listens.</remarks>
internal sealed class SchedulerObserver
{
    private readonly ILogger _logger;
    private readonly LogLevel _lowestAsked;
    private readonly TimeProvider _time;
    private readonly object _sender;
    private EventHandler<SchedulerEventArgs>? _handlers;
    private int _loggerFailed;
    private volatile bool _started;

    public SchedulerObserver(ILogger logger, TimeProvider time, object sender, SchedulerTelemetry telemetry)
    {
        Telemetry = telemetry;
        _logger = logger;

        // The levels the loggers the scheduler knows never write are not asked for: a run's three questions to a
        // logger that says no (each an interface call in a try block, which nothing inlines) were a twentieth of a
        // quick fire. Any other logger is asked every time, since its levels may be changed while it runs.
        _lowestAsked = logger switch
        {
            StandardErrorLogger => StandardErrorLogger.Lowest,
            NullLogger => LogLevel.None,
            _ => LogLevel.Trace,
        };
        _time = time;
        _sender = sender;
    }

    /// <summary>The meter and activity source; what they cost when nobody listens is a flag check.</summary>
    public SchedulerTelemetry Telemetry { get; }

    /// <summary>Whether anybody listens to events.</summary>
    public bool Listening => Volatile.Read(ref _handlers) is not null;

    /// <summary>Set once the scheduler has started, so a job without a next run reads "pending" before and "no next run" after.</summary>
    public bool Started
    {
        get => _started;
        set => _started = value;
    }

    public void AddHandler(EventHandler<SchedulerEventArgs>? handler)
    {
        EventHandler<SchedulerEventArgs>? current = Volatile.Read(ref _handlers), seen;
        do
        {
            seen = current;
            current = Interlocked.CompareExchange(ref _handlers, (EventHandler<SchedulerEventArgs>?)Delegate.Combine(seen, handler), seen);
        }
        while (current != seen);
    }

    public void RemoveHandler(EventHandler<SchedulerEventArgs>? handler)
    {
        EventHandler<SchedulerEventArgs>? current = Volatile.Read(ref _handlers), seen;
        do
        {
            seen = current;
            current = Interlocked.CompareExchange(ref _handlers, (EventHandler<SchedulerEventArgs>?)Delegate.Remove(seen, handler), seen);
        }
        while (current != seen);
    }

    public void SchedulerStarted(int jobCount)
    {
        Log(LogLevel.Information, jobCount, static (l, n) => SchedulerLog.Started(l, n));
        Raise(SchedulerEventKind.SchedulerStarted, null);
    }

    public void SchedulerShutDown()
    {
        Raise(SchedulerEventKind.SchedulerShutdown, null);
        Log(LogLevel.Information, 0, static (l, _) => SchedulerLog.ShutDown(l));
    }

    public void SchedulerPaused() => Raise(SchedulerEventKind.SchedulerPaused, null);

    public void SchedulerResumed() => Raise(SchedulerEventKind.SchedulerResumed, null);

    /// <summary>Inlined into the loop that registers a batch: where nobody hears of it, a job added costs two checks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void JobAdded(ScheduledJob job)
    {
        Raise(SchedulerEventKind.JobAdded, job);
        Log(LogLevel.Information, job, static (l, j) => SchedulerLog.JobAdded(l, JobDisplay.Brief(j)));
    }

    /// <summary>A job left the scheduler: removed by the user, or done with its schedule.</summary>
    public void JobRemoved(ScheduledJob job)
    {
        Log(LogLevel.Information, job, static (l, j) => SchedulerLog.JobRemoved(l, j.Id));
        Raise(SchedulerEventKind.JobRemoved, job);
    }

    public void JobModified(ScheduledJob job) => Raise(SchedulerEventKind.JobModified, job);

    public void JobPaused(ScheduledJob job) => Raise(SchedulerEventKind.JobPaused, job);

    public void JobResumed(ScheduledJob job) => Raise(SchedulerEventKind.JobResumed, job);

    public void JobSubmitted(ScheduledJob job, DateTimeOffset scheduledTime) => Raise(SchedulerEventKind.JobSubmitted, job, scheduledTime);

    // Every run asks these two: the level first, and the log's state (a struct that holds references) built out of line,
    // or it is a slot of the run's frame that every run zeroes, logged or not (see SchedulerTelemetry.RunStarted).
    public void JobRunning(ScheduledJob job, DateTimeOffset scheduledTime)
    {
        if (IsEnabled(LogLevel.Debug))
        {
            WriteRunning(job, scheduledTime);
        }
    }

    /// <summary>A run succeeded; <see langword="false"/> when nobody heard of it (no log written, no listener).</summary>
    public bool JobExecuted(ScheduledJob job, DateTimeOffset scheduledTime, TimeSpan duration)
    {
        bool logged = IsEnabled(LogLevel.Debug);
        if (logged)
        {
            WriteExecuted(job);
        }

        return Raise(SchedulerEventKind.JobExecuted, job, scheduledTime, duration) | logged;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteRunning(ScheduledJob job, DateTimeOffset scheduledTime) =>
        Write((job, scheduledTime, this), static (l, s) =>
            SchedulerLog.JobRunning(l, s.Item3.Describe(s.job), ApschedulerFormat.Instant(s.scheduledTime, JobDisplay.ZoneOf(s.job))));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteExecuted(ScheduledJob job) =>
        Write((job, this), static (l, s) => SchedulerLog.JobExecuted(l, s.Item2.Describe(s.job)));

    public void JobFailed(ScheduledJob job, DateTimeOffset scheduledTime, TimeSpan duration, Exception error)
    {
        Log(LogLevel.Error, (job, error, this), static (l, s) => SchedulerLog.JobFailed(l, s.Item3.Describe(s.job), s.error));
        Raise(SchedulerEventKind.JobError, job, scheduledTime, duration, exception: error);
    }

    public void JobCancelled(ScheduledJob job, DateTimeOffset scheduledTime, TimeSpan duration)
    {
        Log(LogLevel.Information, (job, duration, this), static (l, s) =>
            SchedulerLog.JobCancelled(l, s.Item3.Describe(s.job), ApschedulerFormat.Duration(s.duration)));
        Raise(SchedulerEventKind.JobCancelled, job, scheduledTime, duration);
    }

    public void JobTimedOut(ScheduledJob job, DateTimeOffset scheduledTime, TimeSpan timeout)
    {
        Log(LogLevel.Warning, (job, timeout, this), static (l, s) =>
            SchedulerLog.TimedOut(l, s.Item3.Describe(s.job), ApschedulerFormat.Duration(s.timeout)));
        Raise(SchedulerEventKind.JobTimedOut, job, scheduledTime, timeout);
    }

    /// <summary>
    /// Runs of a job started too late: one run in APScheduler's words, or a stretch of <paramref name="count"/> runs
    /// (<see langword="null"/> when there were too many to count) from <paramref name="first"/> to <paramref name="last"/>.
    /// </summary>
    public void JobMissed(ScheduledJob job, DateTimeOffset first, TimeSpan lateness, long? count = 1, DateTimeOffset? last = null)
    {
        Telemetry.Missed(job.Id, count ?? 1);
        if (count == 1)
        {
            Log(LogLevel.Warning, (job, lateness, this), static (l, s) =>
                SchedulerLog.RunMissed(l, s.Item3.Describe(s.job), ApschedulerFormat.Duration(s.lateness)));
        }
        else
        {
            Log(LogLevel.Warning, (job, first, last ?? first, lateness, count, this), static (l, s) =>
            {
                var zone = JobDisplay.ZoneOf(s.job);
                SchedulerLog.RunsMissed(l, s.Item6.Describe(s.job),
                    s.count is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "countless",
                    ApschedulerFormat.Instant(s.first, zone), ApschedulerFormat.Instant(s.Item3, zone), ApschedulerFormat.Duration(s.lateness));
            });
        }

        Raise(SchedulerEventKind.JobMissed, job, first, lateness: lateness,
            missedRuns: count is { } c ? (int)Math.Min(c, int.MaxValue) : int.MaxValue);
    }

    public void MaxInstancesReached(ScheduledJob job, DateTimeOffset scheduledTime)
    {
        Telemetry.Skipped(job.Id);
        Log(LogLevel.Warning, (job, this), static (l, s) =>
            SchedulerLog.MaxInstancesReached(l, s.Item2.Describe(s.job), s.job.MaxInstances));
        Raise(SchedulerEventKind.JobMaxInstancesReached, job, scheduledTime);
    }

    /// <summary>A job's trigger failed; the job has been paused. Raised as <see cref="SchedulerEventKind.JobPaused"/> with the cause.</summary>
    public void TriggerFailed(ScheduledJob job, Exception fault)
    {
        Log(LogLevel.Error, (job, fault), static (l, s) => SchedulerLog.TriggerFailed(l, s.job.Id, s.fault.Message, s.fault.InnerException ?? s.fault));
        Raise(SchedulerEventKind.JobPaused, job, exception: fault.InnerException ?? fault);
    }

    public void NoRunTime(ScheduledJob job, DateTimeOffset now) =>
        Log(LogLevel.Warning, (job, now), static (l, s) =>
            SchedulerLog.NoRunTime(l, JobDisplay.Brief(s.job), ApschedulerFormat.Instant(s.now, TimeZoneInfo.Utc)));

    public void ClockSetBack(TimeSpan step) =>
        Log(LogLevel.Warning, step, static (l, s) => SchedulerLog.ClockSetBack(l, ApschedulerFormat.Duration(s)));

    public void FiringThreadHeld(ScheduledJob job, TimeSpan period) =>
        Log(LogLevel.Warning, (job, period, this), static (l, s) =>
            SchedulerLog.FiringThreadHeld(l, s.Item3.Describe(s.job), ApschedulerFormat.Duration(s.period)));

    public void LoopFailed(Exception error) => Log(LogLevel.Error, error, static (l, e) => SchedulerLog.LoopFailed(l, e));

    public void ShutdownWaitExpired(TimeSpan timeout, int count, string jobs) =>
        Log(LogLevel.Warning, (timeout, count, jobs), static (l, s) =>
            SchedulerLog.ShutdownWaitExpired(l, ApschedulerFormat.Duration(s.timeout), s.count, s.jobs));

    public void CancellationCallbackFailed(Exception error) =>
        Log(LogLevel.Error, error, static (l, e) => SchedulerLog.CancellationCallbackFailed(l, e));

    public void StoreFailed(string store, string action, TimeSpan delay, Exception error)
    {
        Log(LogLevel.Error, (store, action, delay, error), static (l, s) =>
            SchedulerLog.StoreFailed(l, s.store, s.action, ApschedulerFormat.Duration(s.delay), s.error));
        Raise(SchedulerEventKind.StoreError, null, exception: error);
    }

    public void StoreRecovered(string store, int failures) =>
        Log(LogLevel.Information, (store, failures), static (l, s) => SchedulerLog.StoreRecovered(l, s.store, s.failures));

    public void StoredJobUnknown(string store, string jobId, string reason)
    {
        Log(LogLevel.Warning, (store, jobId, reason), static (l, s) => SchedulerLog.StoredJobUnknown(l, s.store, s.jobId, s.reason));
        Raise(SchedulerEventKind.StoredJobUnknown, null, jobId: jobId);
    }

    public void JobNotStored(string jobId, string store, string reason) =>
        Log(LogLevel.Warning, (jobId, store, reason), static (l, s) => SchedulerLog.JobNotStored(l, s.jobId, s.store, s.reason));

    public void ScheduleChangedInCode(string jobId, string store) =>
        Log(LogLevel.Information, (jobId, store), static (l, s) => SchedulerLog.ScheduleChangedInCode(l, s.jobId, s.store));

    public void RunAbandoned(string jobId, DateTimeOffset scheduledTime, string node)
    {
        Log(LogLevel.Warning, (jobId, scheduledTime, node), static (l, s) =>
            SchedulerLog.RunAbandoned(l, s.jobId, ApschedulerFormat.Instant(s.scheduledTime, TimeZoneInfo.Utc), s.node));
        Raise(SchedulerEventKind.JobAbandoned, null, scheduledTime, jobId: jobId);
    }

    public void RunTakenOver(string jobId, DateTimeOffset scheduledTime, int attempt, string node) =>
        Log(LogLevel.Warning, (jobId, scheduledTime, attempt, node), static (l, s) =>
            SchedulerLog.RunTakenOver(l, s.jobId, ApschedulerFormat.Instant(s.scheduledTime, TimeZoneInfo.Utc), s.attempt, s.node));

    /// <summary>A job as APScheduler prints it: <c>Jobs.Tick (trigger: interval[0:00:03], next run at: 2026-11-27 14:06:39 UTC)</c>.</summary>
    public string Describe(ScheduledJob job) => JobDisplay.Describe(job, _started);

    /// <summary>Whether a report at <paramref name="level"/> would be written or listened to; what the firing loop asks before it buffers one.</summary>
    public bool Wants(LogLevel level) => Listening || IsEnabled(level) || Telemetry.CountsSkips;

    /// <summary>
    /// The logger's answer; <see langword="false"/> without asking for a level a logger the scheduler knows never writes,
    /// and when asking throws.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsEnabled(LogLevel level) => level >= _lowestAsked && AskLogger(level);

    private bool AskLogger(LogLevel level)
    {
        try
        {
            return _logger.IsEnabled(level);
        }
#pragma warning disable CA1031 // A logger that throws is reported once and otherwise ignored.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LoggerFailed(e);
            return false;
        }
    }

    /// <summary>
    /// Writes one log line through <paramref name="write"/> if <paramref name="level"/> is on, whatever the logger does;
    /// whether the level was on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Log<TState>(LogLevel level, TState state, Action<ILogger, TState> write)
    {
        if (!IsEnabled(level))
        {
            return false;
        }

        Write(state, write);
        return true;
    }

    private void Write<TState>(TState state, Action<ILogger, TState> write)
    {
        try
        {
            write(_logger, state);
        }
#pragma warning disable CA1031 // See AskLogger.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LoggerFailed(e);
        }
    }

    /// <summary>
    /// The logger itself failed (a full disk, a broken sink). Said once on standard error, the one place left to say
    /// it; after that, failures of the logger are ignored so that logging can never stop the scheduler.
    /// </summary>
    private void LoggerFailed(Exception e)
    {
        if (Interlocked.Exchange(ref _loggerFailed, 1) != 0)
        {
            return;
        }

        try
        {
            Console.Error.WriteLine($"GenScheduler: the logger threw {e.GetType().Name} ({e.Message}); the scheduler goes on, and further logger failures are not reported.");
        }
#pragma warning disable CA1031 // Standard error may be broken too; there is nowhere further to report it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Tells the listeners; whether there were any. Inlined: where nobody listens, a run pays one read for it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Raise(
        SchedulerEventKind kind,
        ScheduledJob? job,
        DateTimeOffset? scheduledTime = null,
        TimeSpan? duration = null,
        TimeSpan? lateness = null,
        Exception? exception = null,
        int? missedRuns = null,
        string? jobId = null) =>
        Volatile.Read(ref _handlers) is { } handlers && RaiseTo(handlers, kind, job, scheduledTime, duration, lateness, exception, missedRuns, jobId);

    private bool RaiseTo(
        EventHandler<SchedulerEventArgs> handlers,
        SchedulerEventKind kind,
        ScheduledJob? job,
        DateTimeOffset? scheduledTime,
        TimeSpan? duration,
        TimeSpan? lateness,
        Exception? exception,
        int? missedRuns,
        string? jobId)
    {
        var args = new SchedulerEventArgs(kind, _time.GetUtcNow(), job?.Id ?? jobId)
        {
            ScheduledTime = scheduledTime,
            Duration = duration,
            Lateness = lateness,
            Exception = exception,
            MissedRuns = missedRuns,
        };

        // Each listener on its own, so one that throws neither disturbs the scheduler nor hides the event from the rest.
        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<SchedulerEventArgs>)handler)(_sender, args);
            }
#pragma warning disable CA1031 // A listener's failure is logged; it must never reach the scheduler.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log(LogLevel.Error, (kind, e), static (l, s) => SchedulerLog.ListenerFailed(l, s.kind, s.e));
            }
        }

        return true;
    }
}
