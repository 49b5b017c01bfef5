using System;
using System.Collections.Generic;
using System.Linq;
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
/// <para>Every method is thread-safe, and every change to the schedule wakes the timer. A job that throws is
/// logged and keeps its schedule; it never stops the scheduler or another job.</para>
/// </remarks>
public sealed partial class Scheduler : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly int _maxConcurrency;
    private readonly List<ScheduledJob?> _jobs = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly Dictionary<string, ScheduledJob> _byId = new(StringComparer.Ordinal);
    private readonly TimerHeap _heap;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _timer;
    private volatile SchedulerState _state;

    /// <summary>Creates a scheduler for a job table such as the generated <c>ScheduledJobs.All</c>.</summary>
    /// <param name="jobs">The jobs to run.</param>
    /// <param name="options">The clock, the logger, the concurrency limit; the system clock and no logging when omitted.</param>
    /// <exception cref="ConflictingJobIdException">Two jobs share an id.</exception>
    public Scheduler(IEnumerable<JobDefinition> jobs, SchedulerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        options ??= new SchedulerOptions();
        _time = options.TimeProvider ?? TimeProvider.System;
        _logger = options.Logger ?? NullLogger.Instance;
        _random = options.Random ?? Random.Shared;
        if (options.MaxConcurrency is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxConcurrency,
                $"MaxConcurrency is {options.MaxConcurrency}; it must be at least 1, or null for no limit.");
        }

        _maxConcurrency = options.MaxConcurrency ?? int.MaxValue;
        if (jobs.TryGetNonEnumeratedCount(out int count))
        {
            // Sized once: growing by doubling would leave about 45 B per job of discarded arrays behind.
            _jobs.Capacity = count;
            _byId.EnsureCapacity(count);
        }

        foreach (var definition in jobs)
        {
            ArgumentNullException.ThrowIfNull(definition, nameof(jobs));
            Register(definition);
        }

        _heap = new TimerHeap(_jobs.Count);
    }

    /// <summary>
    /// Raised for everything that happens: start, shutdown, pause, jobs added, removed, submitted, executed, failed,
    /// missed. Handlers run on the scheduler's threads, some while it holds its lock: keep them short, and hand slow
    /// work elsewhere. A handler that throws is logged and does not disturb the scheduler. When nobody listens,
    /// no event object is made.
    /// </summary>
    public event EventHandler<SchedulerEventArgs>? EventRaised;

    /// <summary>Where the scheduler is in its life.</summary>
    public SchedulerState State => _state;

    internal DateTimeOffset Now => _time.GetUtcNow();

    internal TimeProvider Time => _time;

    internal CancellationToken StopToken => _stop.Token;

    /// <summary>
    /// Starts firing jobs and returns at once; jobs run on the thread pool. Interval jobs first fire one interval
    /// from now; cron jobs at their next matching time (now included); jobs with <see cref="JobOptions.RunOnStart"/> also run now.
    /// </summary>
    /// <exception cref="SchedulerAlreadyRunningException">The scheduler was already started.</exception>
    public void Start()
    {
        lock (_gate)
        {
            if (_state != SchedulerState.NotStarted)
            {
                throw new SchedulerAlreadyRunningException(
                    $"The scheduler is {_state}: a scheduler starts once. Create a new Scheduler to start again.");
            }

            var now = _time.GetUtcNow();
            _timer = _time.CreateTimer(static state => ((Scheduler)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _state = SchedulerState.Running;
            Raise(SchedulerEventKind.SchedulerStarted, null);
            // By index: a job that finishes at once leaves its slot empty, which an index loop tolerates.
            for (int i = 0; i < _jobs.Count; i++)
            {
                if (_jobs[i] is { Paused: false } job)
                {
                    PutOnSchedule(job, now);
                }
            }

            Arm(now.UtcTicks);
        }

        SchedulerLog.Started(_logger, _byId.Count);
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
                case SchedulerState.Running or SchedulerState.Paused:
                    _state = SchedulerState.ShuttingDown;
                    _timer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    if (_inFlight == 0)
                    {
                        _drained.TrySetResult();
                    }

                    first = true;
                    break;
            }
        }

        if (first)
        {
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
            Raise(SchedulerEventKind.SchedulerShutdown, null);
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
            SchedulerLog.CancellationCallbackFailed(_logger, e);
        }
    }
}
