using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenScheduler.Workloads;

/// <summary>What a job of the GenScheduler peer is: each kind reaches the scheduler by a different path.</summary>
internal enum JobKind
{
    /// <summary><c>AddJob(new JobDefinition(id, trigger, invoker))</c>: a synchronous <see cref="JobInvoker"/> that reads its <see cref="JobContext"/>.</summary>
    Context,

    /// <summary>
    /// An invoker whose every run completes asynchronously, on a pool thread, through a reusable source of its own job:
    /// the job allocates nothing, so what is measured is the scheduler's own cost of waiting for an asynchronous run.
    /// </summary>
    Async,

    /// <summary>
    /// An <see langword="async"/> method that records, then yields: what users write. Its pooling builder reuses state
    /// machines only while few are in flight, so under a burst the method's own boxes are allocated (the user's cost).
    /// </summary>
    AsyncMethod,

    /// <summary><c>AddJob(id, trigger, Action)</c>: a plain delegate, which cannot see its scheduled time (counted, no lateness).</summary>
    Delegate,

    /// <summary>The synchronous invoker with <see cref="JobOptions.Timeout"/> set: every run arms and disarms a timeout.</summary>
    Timeout,
}

/// <summary>GenScheduler with the memory store, no logger and no listener, jobs added at run time before the start.</summary>
internal sealed class GenSchedulerPeer : IPeer
{
    private static readonly JobInvoker ContextInvoker = static context =>
    {
        Probe.Ran(context.ScheduledTime.UtcTicks);
        return default;
    };

    private static readonly JobInvoker AsyncMethodInvoker = RunAsync;
    private static readonly Action DelegateBody = static () => Probe.Ran();
    private static readonly JobOptions WithTimeout = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly Scheduler _scheduler;
    private readonly JobKind _kind;
    private readonly bool _batch;
    private readonly MeasurementSink? _meters;

    /// <param name="kind">What the jobs are.</param>
    /// <param name="batch">Whether the jobs are added in one <see cref="Scheduler.AddJobs"/> call rather than one <see cref="Scheduler.AddJob(JobDefinition)"/> each.</param>
    /// <param name="meterListener">Whether a <see cref="System.Diagnostics.Metrics.MeterListener"/> listens to every instrument of the scheduler.</param>
    public GenSchedulerPeer(JobKind kind, bool batch, bool meterListener)
    {
        _kind = kind;
        _batch = batch;
        _meters = meterListener ? new MeasurementSink() : null;
        _scheduler = new Scheduler([], new SchedulerOptions { Logger = NullLogger.Instance, HandleStopSignals = false });
    }

    /// <summary>The user's side of registration, apart: the definitions, built but not added (for the bytes the scheduler itself holds).</summary>
    public JobDefinition[] Build(int count, TimeSpan interval, Func<int, DateTimeOffset> firstDue)
    {
        var jobs = new JobDefinition[count];
        for (int i = 0; i < count; i++)
        {
            jobs[i] = Definition(i, new IntervalTrigger(interval, firstDue(i)));
        }

        return jobs;
    }

    /// <summary>Adds definitions built by <see cref="Build"/>.</summary>
    public void AddBuilt(JobDefinition[] jobs)
    {
        if (_batch)
        {
            _scheduler.AddJobs(jobs);
            return;
        }

        foreach (var job in jobs)
        {
            _scheduler.AddJob(job);
        }
    }

    public void Add(int count, TimeSpan interval, Func<int, DateTimeOffset> firstDue)
    {
        if (_batch)
        {
            _scheduler.AddJobs(Build(count, interval, firstDue));
            return;
        }

        for (int i = 0; i < count; i++)
        {
            var trigger = new IntervalTrigger(interval, firstDue(i));
            if (_kind == JobKind.Delegate)
            {
                _scheduler.AddJob("job" + i, trigger, DelegateBody);
            }
            else
            {
                _scheduler.AddJob(Definition(i, trigger));
            }
        }
    }

    public Task StartAsync()
    {
        _scheduler.Start();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _scheduler.ShutdownAsync(wait: false);
        _meters?.Dispose();
    }

    private JobDefinition Definition(int i, IntervalTrigger trigger) => _kind switch
    {
        JobKind.Async => new JobDefinition("job" + i, trigger, new AsyncCompletion().Run),
        JobKind.AsyncMethod => new JobDefinition("job" + i, trigger, AsyncMethodInvoker),
        JobKind.Timeout => new JobDefinition("job" + i, trigger, ContextInvoker, WithTimeout),
        _ => new JobDefinition("job" + i, trigger, ContextInvoker),
    };

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask RunAsync(JobContext context)
    {
        // Recorded before the yield: lateness is about the start.
        Probe.Ran(context.ScheduledTime.UtcTicks);
        await Task.Yield();
    }
}
