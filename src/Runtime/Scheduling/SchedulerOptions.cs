using System;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace GenScheduler;

/// <summary>How a <see cref="Scheduler"/> keeps time, runs jobs, stops and reports what it does.</summary>
public sealed class SchedulerOptions
{
    /// <summary>The clock. <see cref="TimeProvider.System"/> by default; a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where the scheduler logs missed runs, skipped runs and job failures. When <see langword="null"/> (the default),
    /// warnings and errors go to standard error, as Python's logging does when nothing is configured, so a failing job
    /// is never silent; pass <c>NullLogger.Instance</c> for no logging at all.
    /// </summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// The most runs executing at once across all jobs, like APScheduler's <c>ThreadPoolExecutor(max_workers)</c>.
    /// A run over the limit waits in line (it is not dropped) and is judged against its grace time when it starts.
    /// <see langword="null"/> (the default) for no limit beyond each job's <see cref="JobOptions.MaxInstances"/>.
    /// </summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>The random source for jitter. <see cref="System.Random.Shared"/> by default; a seeded one makes jitter repeatable in tests.</summary>
    public Random? Random { get; init; }

    /// <summary>
    /// How long a shutdown that waits (<see cref="Scheduler.ShutdownAsync"/>, <see cref="Scheduler.DisposeAsync"/>, the
    /// first Ctrl+C under <see cref="Scheduler.RunAsync"/>) lets running jobs finish before it cancels their
    /// <see cref="CancellationToken"/>; it then waits for them to end. 30 seconds by default, as the .NET Generic Host;
    /// <see cref="Timeout.InfiniteTimeSpan"/> to wait however long they take.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most runs a job that does not coalesce catches up on at once, after the process was held up, slept or was
    /// down: the latest ones, made one after another; earlier due runs are reported as one missed stretch. 100 by default.
    /// </summary>
    public int MaxCatchUpRuns { get; init; } = 100;

    /// <summary>
    /// How long a run may take to be made on the scheduler's own thread, as a hand-written timer loop would make it: no
    /// hand-off to the thread pool, which saves most of what a fire costs. 100 µs by default; <see cref="TimeSpan.Zero"/>
    /// sends every run to the pool. A job's runs go to the pool until one takes less than this there (only the part before
    /// its first incomplete await counts), then run on the scheduler's thread, and go back to the pool when two in a row
    /// take more (one alone is often a busy machine's, not the job's). A run still going after 10 ms (or twice this limit,
    /// if longer) keeps the scheduler's thread: a new one takes over the schedule, and the job's runs go to the pool for
    /// good. Not used with <see cref="MaxConcurrency"/>, nor for jobs on <see cref="JobExecutor.DedicatedThread"/>.
    /// </summary>
    public TimeSpan InlineRunLimit { get; init; } = TimeSpan.FromTicks(1000);

    /// <summary>How many threads the scheduler may start for jobs run with <see cref="JobExecutor.DedicatedThread"/>. 10 by default, as APScheduler's thread pool.</summary>
    public int DedicatedThreads { get; init; } = 10;

    /// <summary>
    /// Whether <see cref="Scheduler.RunAsync"/> answers Ctrl+C and SIGTERM itself, as APScheduler's BlockingScheduler
    /// does: the first stops the scheduler and waits for running jobs (up to <see cref="ShutdownTimeout"/>), a second
    /// cancels them and returns at once. <see langword="true"/> by default.
    /// </summary>
    public bool HandleStopSignals { get; init; } = true;

    /// <summary>
    /// Where jobs' state is kept: <see langword="null"/> (the default) keeps it in memory, for this process only. A store
    /// (<c>SqliteJobStore</c>, <c>PostgreSqlJobStore</c>) keeps next run times, pauses, reschedules and jobs added by
    /// target across restarts, and lets several schedulers share the jobs, each occurrence starting once. The scheduler
    /// owns the store from <see cref="Scheduler.Start"/> on and disposes it when it stops.
    /// </summary>
    public IJobStore? Store { get; init; }

    /// <summary>This scheduler's id among the nodes sharing a <see cref="Store"/>; the host name, process id and a random suffix by default.</summary>
    public string? NodeId { get; init; }

    /// <summary>
    /// With a <see cref="Store"/>: how long a scheduler may go without a heartbeat before the others count it dead and settle
    /// its unfinished runs by their <see cref="JobOptions.Delivery"/>. Heartbeats go every third of this. 30 seconds by default.
    /// </summary>
    public TimeSpan NodeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The application's services, for jobs whose types are constructed from dependency injection: each run gets
    /// <see cref="JobContext.Services"/>. Set by <c>AddGenScheduler()</c> in a host; <see langword="null"/> (the default) when
    /// there is no container, in which case a job that needs services fails <see cref="Scheduler.Start"/> naming them.
    /// </summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>
    /// Where the scheduler's meter (<c>GenScheduler</c>) comes from: a host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/>,
    /// set by <c>AddGenScheduler()</c>. <see langword="null"/> (the default) makes a meter of the scheduler's own. Metrics and
    /// traces cost nothing while nobody listens; docs/hosting.md lists them.
    /// </summary>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; init; }

    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range; the message names it and the rule.</exception>
    internal void Validate()
    {
        if (NodeTimeout < TimeSpan.FromMilliseconds(300) || NodeTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(NodeTimeout), NodeTimeout,
                $"SchedulerOptions.NodeTimeout is {NodeTimeout}; it must be between 300 ms and one day.");
        }

        if (NodeId is { } node && string.IsNullOrWhiteSpace(node))
        {
            throw new ArgumentException("SchedulerOptions.NodeId is blank; leave it null for a generated id, or give a name.", nameof(NodeId));
        }

        if (MaxConcurrency is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency,
                $"SchedulerOptions.MaxConcurrency is {MaxConcurrency}; it must be at least 1, or null for no limit.");
        }

        if (MaxCatchUpRuns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCatchUpRuns), MaxCatchUpRuns,
                $"SchedulerOptions.MaxCatchUpRuns is {MaxCatchUpRuns}; it must be at least 1.");
        }

        if (DedicatedThreads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DedicatedThreads), DedicatedThreads,
                $"SchedulerOptions.DedicatedThreads is {DedicatedThreads}; it must be at least 1.");
        }

        if (ShutdownTimeout < TimeSpan.Zero && ShutdownTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(ShutdownTimeout), ShutdownTimeout,
                $"SchedulerOptions.ShutdownTimeout is {ShutdownTimeout}; it must be zero or more, or Timeout.InfiniteTimeSpan.");
        }

        if (InlineRunLimit < TimeSpan.Zero || InlineRunLimit > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(InlineRunLimit), InlineRunLimit,
                $"SchedulerOptions.InlineRunLimit is {InlineRunLimit}; it must be between zero (no runs on the scheduler's thread) and one second.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
