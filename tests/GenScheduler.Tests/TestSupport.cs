using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GenScheduler.Tests;

/// <summary>Collects what the scheduler logs, formatted, so tests can assert the exact words.</summary>
internal sealed class TestLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    public IEnumerable<string> Warnings => Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message);

    public IEnumerable<string> Errors => Entries.Where(e => e.Level == LogLevel.Error).Select(e => e.Message);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, formatter(state, exception), exception));
}

/// <summary>Records every run of the jobs it makes.</summary>
internal sealed class RunRecorder
{
    public ConcurrentQueue<(string JobId, DateTimeOffset Scheduled, DateTimeOffset Started)> Runs { get; } = new();

    public IEnumerable<DateTimeOffset> ScheduledTimes(string id) => Runs.Where(r => r.JobId == id).Select(r => r.Scheduled);

    public JobInvoker Invoker(Action<JobContext>? body = null) => context =>
    {
        Runs.Enqueue((context.JobId, context.ScheduledTime, context.ActualStart));
        body?.Invoke(context);
        return default;
    };

    public JobDefinition Interval(string id, TimeSpan interval, JobOptions? options = null, Action<JobContext>? body = null) =>
        new(id, new IntervalTrigger(interval), Invoker(body), options);
}

/// <summary>A scheduler on a fake clock, with the helpers every scheduler test needs.</summary>
internal sealed class FakeClockScheduler : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    // Real time only as a safety net against a hung test; no test waits on it when it passes.
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    public FakeClockScheduler(
        IEnumerable<JobDefinition> jobs,
        DateTimeOffset? start = null,
        int? maxConcurrency = null,
        Random? random = null,
        int maxCatchUpRuns = 100,
        TimeSpan? shutdownTimeout = null,
        Func<FakeTimeProvider, TimeProvider>? clock = null,
        System.Diagnostics.Metrics.IMeterFactory? meterFactory = null,
        TimeSpan? inlineRunLimit = null)
    {
        Time = new FakeTimeProvider(start ?? T0);
        Scheduler = new Scheduler(jobs, new SchedulerOptions
        {
            TimeProvider = clock?.Invoke(Time) ?? Time,
            Logger = Log,
            MaxConcurrency = maxConcurrency,
            Random = random,
            MaxCatchUpRuns = maxCatchUpRuns,
            ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(30),
            MeterFactory = meterFactory,
            InlineRunLimit = inlineRunLimit ?? new SchedulerOptions().InlineRunLimit,
        });
        Scheduler.EventRaised += (_, e) => Events.Enqueue(e);
    }

    /// <summary>Every event the scheduler raised, in order.</summary>
    public ConcurrentQueue<SchedulerEventArgs> Events { get; } = new();

    public IEnumerable<SchedulerEventArgs> EventsOf(SchedulerEventKind kind) => Events.Where(e => e.Kind == kind);

    public FakeTimeProvider Time { get; }

    public TestLogger Log { get; } = new();

    public Scheduler Scheduler { get; }

    public DateTimeOffset At(double seconds) => Time.Start.AddSeconds(seconds);

    /// <summary>Moves the clock forward and waits for every run it started to finish.</summary>
    public async Task AdvanceAsync(TimeSpan delta)
    {
        Time.Advance(delta);
        await Settle();
    }

    /// <summary>
    /// Moves the clock forward and waits until the firing loop has handled it: due runs are submitted (or skipped, or
    /// reported), but may still be running. For tests that hold a run with a <see cref="RunGate"/>.
    /// </summary>
    public async Task AdvanceLoopAsync(TimeSpan delta)
    {
        Time.Advance(delta);
        await Scheduler.WhenFiringLoopIdleAsync().WaitAsync(Safety);
    }

    /// <summary>Sets the clock to a job's next run time and waits for the runs it started.</summary>
    public async Task AdvanceToNextRunAsync(string id)
    {
        var next = Scheduler.GetJob(id).NextRunTime ?? throw new InvalidOperationException($"{id} has no next run");
        Time.SetUtcNow(next);
        await Settle();
    }

    public Task Settle() => Scheduler.WhenIdleAsync().WaitAsync(Safety);

    /// <summary>Shuts down without waiting, so a failed test that left a job blocked reports its failure instead of hanging.</summary>
    public async ValueTask DisposeAsync() => await Scheduler.ShutdownAsync(wait: false);
}

/// <summary>A job body the test controls: it signals when a run starts and holds the run until released, standing for a slow job.</summary>
internal sealed class RunGate
{
    private readonly SemaphoreSlim _started = new(0);
    private readonly SemaphoreSlim _release = new(0);

    public void Hold(JobContext context)
    {
        _started.Release();
        _release.Wait();
    }

    public Task Started() => _started.WaitSafely();

    public void Release() => _release.Release();
}

internal static class TaskTestExtensions
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    public static Task Safely(this Task task) => task.WaitAsync(Safety);

    public static Task<T> Safely<T>(this Task<T> task) => task.WaitAsync(Safety);

    public static Task WaitSafely(this SemaphoreSlim semaphore) => semaphore.WaitAsync(Safety);
}
