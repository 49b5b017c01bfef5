using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenScheduler;

/// <summary>
/// Runs a job table. One timer waits for the earliest due job (a <see cref="TimerHeap"/> keeps that job on top);
/// when it fires, every due job is handed to the thread pool and its next fire time computed, in O(log n) each.
/// </summary>
/// <remarks>
/// <para>Three ways to run it, after APScheduler's schedulers: <see cref="RunAsync"/> blocks until cancelled
/// (BlockingScheduler); <see cref="Start"/> then <see cref="ShutdownAsync"/> leaves the caller's thread free
/// (BackgroundScheduler); and either works inside an existing async app (AsyncIOScheduler).</para>
/// <para>A job that throws is logged and keeps its schedule; it never stops the scheduler or another job.</para>
/// </remarks>
public sealed class Scheduler : IAsyncDisposable
{
    // Timers take at most 0xFFFFFFFE ms; a later due time is reached by waking early and waiting again.
    private static readonly long MaxWaitTicks = 0xFFFFFFFEL * TimeSpan.TicksPerMillisecond;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<ScheduledJob> _jobs = [];
    private readonly Dictionary<string, ScheduledJob> _byId = new(StringComparer.Ordinal);
    private readonly TimerHeap _heap;
    private readonly Stack<JobRun> _idleRuns = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _timer;
    private TaskCompletionSource? _idle;
    private int _inFlight;
    private volatile SchedulerState _state;

    /// <summary>Creates a scheduler for a job table such as the generated <c>ScheduledJobs.All</c>.</summary>
    /// <param name="jobs">The jobs to run.</param>
    /// <param name="options">The clock and the logger; the system clock and no logging when omitted.</param>
    /// <exception cref="ArgumentException">Two jobs share an id.</exception>
    public Scheduler(IEnumerable<JobDefinition> jobs, SchedulerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        options ??= new SchedulerOptions();
        _time = options.TimeProvider ?? TimeProvider.System;
        _logger = options.Logger ?? NullLogger.Instance;

        foreach (var definition in jobs)
        {
            ArgumentNullException.ThrowIfNull(definition, nameof(jobs));
            var job = new ScheduledJob(definition, _jobs.Count);
            if (!_byId.TryAdd(definition.Id, job))
            {
                throw new ArgumentException(
                    $"Two jobs have the id \"{definition.Id}\". Job ids must be unique: give one of them another Name.", nameof(jobs));
            }

            _jobs.Add(job);
        }

        _heap = new TimerHeap(_jobs.Count);
    }

    /// <summary>Where the scheduler is in its life.</summary>
    public SchedulerState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The number of jobs the scheduler holds.</summary>
    public int JobCount
    {
        get
        {
            lock (_gate)
            {
                return _jobs.Count;
            }
        }
    }

    internal DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Lists the jobs in table order, each with its next run time.</summary>
    /// <returns>A snapshot of every job.</returns>
    public IReadOnlyList<JobInfo> GetJobs()
    {
        lock (_gate)
        {
            var jobs = new JobInfo[_jobs.Count];
            for (int i = 0; i < jobs.Length; i++)
            {
                jobs[i] = Snapshot(_jobs[i]);
            }

            return jobs;
        }
    }

    /// <summary>Finds one job by id.</summary>
    /// <param name="id">The job's id.</param>
    /// <returns>A snapshot of the job.</returns>
    /// <exception cref="KeyNotFoundException">No job has that id.</exception>
    public JobInfo GetJob(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            return _byId.TryGetValue(id, out var job)
                ? Snapshot(job)
                : throw new KeyNotFoundException($"No job has the id \"{id}\". Known jobs: {string.Join(", ", _byId.Keys)}.");
        }
    }

    /// <summary>Completes when no run is in flight. For tests: a run is dispatched to the thread pool, so this is how a test knows it ended.</summary>
    internal Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (Volatile.Read(ref _inFlight) == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    private JobInfo Snapshot(ScheduledJob job)
    {
        DateTimeOffset? next = _heap.Contains(job.Slot) ? new DateTimeOffset(_heap.DueOf(job.Slot), TimeSpan.Zero) : null;
        return new JobInfo(job.Definition, next, job.Running, Describe(job));
    }

    internal CancellationToken StopToken => _stop.Token;

    /// <summary>
    /// Starts firing jobs and returns at once; jobs run on the thread pool. Interval jobs first fire one interval
    /// from now; cron jobs at their next matching time (now included).
    /// </summary>
    /// <exception cref="InvalidOperationException">The scheduler was already started.</exception>
    public void Start()
    {
        lock (_gate)
        {
            if (_state != SchedulerState.NotStarted)
            {
                throw new InvalidOperationException(
                    $"The scheduler is {_state}: a scheduler starts once. Create a new Scheduler to start again.");
            }

            var now = _time.GetUtcNow();
            foreach (var job in _jobs)
            {
                job.Origin = now;
                if (job.Definition.Trigger.GetFirstFireTime(now, now) is { } first)
                {
                    _heap.Set(job.Slot, first.UtcTicks);
                }
            }

            _timer = _time.CreateTimer(static state => ((Scheduler)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _state = SchedulerState.Running;
            Arm(now.UtcTicks);
        }

        SchedulerLog.Started(_logger, _jobs.Count);
    }

    /// <summary>
    /// Starts the scheduler and runs until <paramref name="cancellationToken"/> is cancelled or
    /// <see cref="ShutdownAsync"/> is called, then shuts down waiting for running jobs. Returns normally on cancellation.
    /// </summary>
    /// <param name="cancellationToken">Stops the scheduler, as Ctrl+C stops APScheduler's BlockingScheduler.</param>
    /// <returns>A task that completes when the scheduler has stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        Start();
        try
        {
            await _stopped.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancellation is the normal way to stop a blocking scheduler.
        }

        await ShutdownAsync(wait: true).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops firing jobs. With <paramref name="wait"/> the task completes when every running job has finished;
    /// without it, running jobs see their <see cref="JobContext.CancellationToken"/> cancelled and the task
    /// completes at once. Calling it again, or on a scheduler never started, is harmless.
    /// </summary>
    /// <param name="wait">Whether to wait for running jobs to finish.</param>
    /// <returns>A task that completes when the scheduler has stopped (with <paramref name="wait"/>) or at once.</returns>
    public Task ShutdownAsync(bool wait = true)
    {
        bool first = false;
        lock (_gate)
        {
            switch (_state)
            {
                case SchedulerState.NotStarted:
                    _state = SchedulerState.Stopped;
                    _stopped.TrySetResult();
                    return Task.CompletedTask;
                case SchedulerState.Running:
                    _state = SchedulerState.ShuttingDown;
                    _timer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    first = true;
                    break;
            }
        }

        if (first)
        {
            // A full fence before reading the count pairs with the decrement in RunFinished: one of the two sees the other.
            if (Interlocked.CompareExchange(ref _inFlight, 0, 0) == 0)
            {
                _drained.TrySetResult();
            }

            _ = FinishShutdownAsync();
        }

        if (wait)
        {
            return _stopped.Task;
        }

        CancelRunningJobs();
        return Task.CompletedTask;
    }

    /// <summary>Shuts down, waiting for running jobs.</summary>
    /// <returns>A task that completes when the scheduler has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync(wait: true).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task FinishShutdownAsync()
    {
        await _drained.Task.ConfigureAwait(false);
        lock (_gate)
        {
            _timer!.Dispose();
            _state = SchedulerState.Stopped;
        }

        SchedulerLog.ShutDown(_logger);
        _stopped.TrySetResult();
    }

    private void CancelRunningJobs()
    {
        try
        {
            _stop.Cancel();
        }
#pragma warning disable CA1031 // A job's cancellation callback that throws must not break shutdown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogError(e, "A job's cancellation callback threw during shutdown");
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_state != SchedulerState.Running)
            {
                return;
            }

            var now = _time.GetUtcNow();
            long nowTicks = now.UtcTicks;
            while (_heap.TryPeek(out long dueTicks, out int slot) && dueTicks <= nowTicks)
            {
                FireDue(_jobs[slot], new DateTimeOffset(dueTicks, TimeSpan.Zero), now);
            }

            Arm(nowTicks);
        }
    }

    /// <summary>Moves a due job to its next fire time and submits the run that is due. Called under the lock.</summary>
    private void FireDue(ScheduledJob job, DateTimeOffset due, DateTimeOffset now)
    {
        var trigger = job.Definition.Trigger;
        var runAt = due;
        var next = trigger.GetNextFireTime(due, job.Origin);
        if (next <= now)
        {
            // A backlog (the process slept, the clock jumped, the job was held up): found arithmetically, never run by run.
            if (job.Definition.Options.Coalesce)
            {
                runAt = trigger.GetLatestFireTime(due, now, job.Origin);
                next = trigger.GetNextFireTime(runAt, job.Origin);
            }
            else if ((now - due).Ticks > job.Grace)
            {
                // Every run older than the grace time is missed: report the stretch once and resume at the first run still in grace.
                var lastStale = trigger.GetLatestFireTime(due, now.AddTicks(-job.Grace - 1), job.Origin);
                SetNext(job, trigger.GetNextFireTime(lastStale, job.Origin));
                ReportMissed(job, now - due);
                return;
            }
        }

        SetNext(job, next);
        Submit(job, runAt, now);
    }

    private void SetNext(ScheduledJob job, DateTimeOffset? next)
    {
        if (next is { } n)
        {
            _heap.Set(job.Slot, n.UtcTicks);
        }
        else
        {
            _heap.Remove(job.Slot);
        }
    }

    private void Submit(ScheduledJob job, DateTimeOffset runAt, DateTimeOffset now)
    {
        if ((now - runAt).Ticks > job.Grace)
        {
            ReportMissed(job, now - runAt);
            return;
        }

        int maxInstances = job.Definition.Options.MaxInstances;
        if (job.Running >= maxInstances)
        {
            if (_logger.IsEnabled(LogLevel.Warning))
            {
                SchedulerLog.MaxInstancesReached(_logger, Describe(job), maxInstances);
            }

            return;
        }

        job.RunStarted();
        Interlocked.Increment(ref _inFlight);
        if (!_idleRuns.TryPop(out var run))
        {
            run = new JobRun(this);
        }

        run.Prepare(job, runAt);
        ThreadPool.UnsafeQueueUserWorkItem(run, preferLocal: false);
    }

    private void Arm(long nowTicks)
    {
        if (!_heap.TryPeek(out long dueTicks, out _))
        {
            _timer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        // System timers count whole milliseconds and may wake a fraction early; the loop then finds nothing due and
        // waits again. A floor of 1 ms keeps that second wait from spinning.
        long wait = Math.Clamp(dueTicks - nowTicks, 0, MaxWaitTicks);
        if (wait is > 0 and < TimeSpan.TicksPerMillisecond)
        {
            wait = TimeSpan.TicksPerMillisecond;
        }
        _timer!.Change(TimeSpan.FromTicks(wait), Timeout.InfiniteTimeSpan);
    }

    internal void RunFinished(ScheduledJob job, JobRun run)
    {
        job.RunEnded();
        lock (_gate)
        {
            _idleRuns.Push(run);
        }

        if (Interlocked.Decrement(ref _inFlight) != 0)
        {
            return;
        }

        if (_state != SchedulerState.Running)
        {
            _drained.TrySetResult();
        }

        if (Volatile.Read(ref _idle) is not null)
        {
            lock (_gate)
            {
                if (_inFlight == 0 && _idle is { } idle)
                {
                    _idle = null;
                    idle.TrySetResult();
                }
            }
        }
    }

    internal void ReportRunning(ScheduledJob job, DateTimeOffset scheduledTime)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            SchedulerLog.JobRunning(_logger, Describe(job), ApschedulerFormat.Instant(scheduledTime, TimeZoneOf(job)));
        }
    }

    internal void ReportExecuted(ScheduledJob job)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            SchedulerLog.JobExecuted(_logger, Describe(job));
        }
    }

    internal void ReportMissed(ScheduledJob job, TimeSpan lateness)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            SchedulerLog.RunMissed(_logger, Describe(job), ApschedulerFormat.Duration(lateness));
        }
    }

    internal void ReportFailed(ScheduledJob job, Exception exception)
    {
        if (_logger.IsEnabled(LogLevel.Error))
        {
            SchedulerLog.JobFailed(_logger, Describe(job), exception);
        }
    }

    /// <summary>A job as APScheduler prints it: <c>Jobs.Tick (trigger: interval[0:00:03], next run at: 2026-11-27 14:06:39 UTC)</c>.</summary>
    private string Describe(ScheduledJob job)
    {
        string next;
        lock (_gate)
        {
            next = _heap.Contains(job.Slot)
                ? "next run at: " + ApschedulerFormat.Instant(new DateTimeOffset(_heap.DueOf(job.Slot), TimeSpan.Zero), TimeZoneOf(job))
                : _state == SchedulerState.NotStarted ? "pending" : "no next run";
        }

        return $"{job.Id} (trigger: {job.Definition.Trigger}, {next})";
    }

    private static TimeZoneInfo TimeZoneOf(ScheduledJob job) =>
        job.Definition.Trigger is CronTrigger cron ? cron.TimeZone : TimeZoneInfo.Utc;
}
