using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GenScheduler.Stores.Tests;

/// <summary>A scheduler on a fake clock with a store: one "process" of a restart or a cluster test.</summary>
internal sealed class StoreScheduler : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    public StoreScheduler(IJobStore store, IEnumerable<JobDefinition> jobs, DateTimeOffset now, string? node = null, TimeSpan? nodeTimeout = null)
    {
        Time = new FakeTimeProvider(now);
        Store = store;
        Scheduler = new Scheduler(jobs, new SchedulerOptions
        {
            TimeProvider = Time,
            Logger = Log,
            Store = store,
            NodeId = node,
            NodeTimeout = nodeTimeout ?? TimeSpan.FromSeconds(30),
        });
        Scheduler.EventRaised += (_, e) => Events.Enqueue(e);
    }

    public FakeTimeProvider Time { get; }

    public IJobStore Store { get; }

    public Scheduler Scheduler { get; }

    public TestLog Log { get; } = new();

    public ConcurrentQueue<SchedulerEventArgs> Events { get; } = new();

    public IEnumerable<SchedulerEventArgs> EventsOf(SchedulerEventKind kind) => Events.Where(e => e.Kind == kind);

    /// <summary>Starts, and waits until the firing loop has judged what the store says is due.</summary>
    public async Task StartAsync()
    {
        Scheduler.Start();
        await Settle();
    }

    public async Task AdvanceAsync(TimeSpan delta)
    {
        Time.Advance(delta);
        await Settle();
    }

    public async Task SetAsync(DateTimeOffset now)
    {
        Time.SetUtcNow(now);
        await Settle();
    }

    public Task Settle() => Scheduler.WhenIdleAsync().WaitAsync(Safety);

    /// <summary>A clean stop: running jobs end, their ends and every change are written, the store is closed.</summary>
    public Task StopAsync() => Scheduler.ShutdownAsync(wait: true).WaitAsync(Safety);

    public async ValueTask DisposeAsync() => await Scheduler.ShutdownAsync(wait: false);
}

/// <summary>Every log line, for asserting on what the scheduler said.</summary>
internal sealed class TestLog : ILogger
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> Entries { get; } = new();

    public IEnumerable<string> Messages(string eventName) => Entries.Where(e => e.Id.Name == eventName).Select(e => e.Message);

    /// <summary>Every line, for a failure message that says what the scheduler saw.</summary>
    public string Dump() => string.Join("\n", Entries.Select(e => $"{e.Level} {e.Id.Name}: {e.Message}"));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, formatter(state, exception)));
}

/// <summary>Records runs across schedulers: which job, which scheduled time, which attempt.</summary>
internal sealed class Runs
{
    private readonly Pulse _any = new();

    public ConcurrentQueue<(string JobId, DateTimeOffset Scheduled, int Attempt)> All { get; } = new();

    public IEnumerable<DateTimeOffset> Of(string id) => All.Where(r => r.JobId == id).Select(r => r.Scheduled).Order();

    public JobInvoker Invoker(Func<JobContext, Task>? body = null) => async context =>
    {
        All.Enqueue((context.JobId, context.ScheduledTime, context.Attempt));
        _any.Signal();
        if (body is not null)
        {
            await body(context);
        }
    };

    /// <summary>Waits (bounded) until a run matching <paramref name="match"/> has started.</summary>
    public async Task WaitFor(Func<(string JobId, DateTimeOffset Scheduled, int Attempt), bool> match)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        if (!await _any.Until(() => All.Any(match), bound.Token))
        {
            throw new TimeoutException("No matching run started within 30 s. Runs: " + string.Join(", ", All));
        }
    }
}
