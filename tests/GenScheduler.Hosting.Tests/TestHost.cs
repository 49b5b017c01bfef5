using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenScheduler.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GenScheduler.Hosting.Tests;

/// <summary>
/// A real Generic Host (<see cref="Host.CreateApplicationBuilder()"/>) with GenScheduler added, a
/// <see cref="FakeTimeProvider"/> as its <see cref="TimeProvider"/>, in-memory configuration, FakeLogger for its logs and
/// a content root of its own in a temporary folder. Every scheduler event is recorded, and the waits are bounded waits on
/// a condition: the fake clock moves only when a test advances it.
/// </summary>
internal sealed class TestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    // Real time only as a safety net against a hung test; no test waits on it when things work.
    public static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    private readonly bool _ownsFolder;
    private bool _listening;

    /// <param name="jobs">The table, passed to AddGenScheduler; <see langword="null"/> for the generated <c>AddGenScheduler()</c> of this project.</param>
    public TestHost(IReadOnlyList<JobDefinition>? jobs, IDictionary<string, string?>? configuration = null,
        Action<GenSchedulerOptions>? configure = null, Action<HostApplicationBuilder>? setup = null, string? folder = null)
    {
        _ownsFolder = folder is null;
        Folder = folder ?? Directory.CreateTempSubdirectory("genscheduler-hosting-").FullName;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Folder });
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(Time);
        if (jobs is null)
        {
            builder.Services.AddGenScheduler(configure);
        }
        else
        {
            builder.Services.AddGenScheduler(jobs, configure);
        }

        setup?.Invoke(builder);
        Host = builder.Build();
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public string Folder { get; }

    public IHost Host { get; }

    public Scheduler Scheduler => Host.Services.GetRequiredService<Scheduler>();

    public ConcurrentQueue<SchedulerEventArgs> Events { get; } = new();

    public IReadOnlyList<FakeLogRecord> Logs => Host.Services.GetFakeLogCollector().GetSnapshot();

    public IEnumerable<SchedulerEventArgs> EventsOf(SchedulerEventKind kind, string? jobId = null) =>
        Events.Where(e => e.Kind == kind && (jobId is null || e.JobId == jobId));

    /// <summary>Builds the scheduler (so its events are recorded from the start), then starts the host.</summary>
    public async Task<TestHost> StartAsync()
    {
        Listen();
        await Host.StartAsync().WaitAsync(Safety);
        return this;
    }

    /// <summary>Starts the host as an app would, expecting it to fail; the exception it fails with.</summary>
    public async Task<Exception> StartFailsAsync()
    {
        var error = await Record.ExceptionAsync(() => Host.StartAsync().WaitAsync(Safety));
        Assert.NotNull(error);
        Assert.IsNotType<TimeoutException>(error);
        return error;
    }

    public Task StopAsync() => Host.StopAsync().WaitAsync(Safety);

    private void Listen()
    {
        if (!_listening)
        {
            _listening = true;
            Scheduler.EventRaised += (_, e) => Events.Enqueue(e);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test after <see cref="Safety"/>.</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Safety);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(5, CancellationToken.None);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test after <see cref="Safety"/>.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Safety);
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(5, CancellationToken.None);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> events of <paramref name="kind"/> (of the job) were raised.</summary>
    public Task WaitFor(SchedulerEventKind kind, string? jobId = null, int count = 1) =>
        Until(() => EventsOf(kind, jobId).Count() >= count, $"{count} {kind} event(s){(jobId is null ? "" : $" of {jobId}")}");

    /// <summary>
    /// Moves the fake clock and waits for the job's next run to end (executed, failed, cancelled or missed). Waits first
    /// for the runs already submitted to end, since a run that starts after the clock moved is judged late.
    /// </summary>
    public async Task AdvanceAndWaitForRun(TimeSpan by, string jobId)
    {
        await Until(() => Quiet, "the runs in flight ended");
        int ended = Ended(jobId);
        Time.Advance(by);
        await Until(() => Ended(jobId) > ended, $"a run of {jobId} ended after the clock moved to {Time.GetUtcNow():O}");
    }

    /// <summary>Whether every run submitted so far has ended (a backlog made one run after another counts once, so this is for jobs that coalesce).</summary>
    public bool Quiet => EventsOf(SchedulerEventKind.JobSubmitted).Count() <= Events.Count(e => e.Kind is SchedulerEventKind.JobExecuted
        or SchedulerEventKind.JobError or SchedulerEventKind.JobCancelled or SchedulerEventKind.JobMissed);

    private int Ended(string jobId) => Events.Count(e => e.JobId == jobId && e.Kind is SchedulerEventKind.JobExecuted
        or SchedulerEventKind.JobError or SchedulerEventKind.JobCancelled or SchedulerEventKind.JobMissed);

    public async ValueTask DisposeAsync()
    {
        if (Host is IAsyncDisposable host)
        {
            await host.DisposeAsync().AsTask().WaitAsync(Safety);
        }

        if (_ownsFolder)
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // A SQLite file still held by a test that failed; the temporary folder is the system's to clean.
            }
        }
    }

    /// <summary>A job every <paramref name="seconds"/> seconds from the start.</summary>
    public static JobDefinition Every(string id, double seconds, JobInvoker invoker, JobOptions? options = null) =>
        new(id, new IntervalTrigger(TimeSpan.FromSeconds(seconds)), invoker, options);

    /// <summary>A job every 10 seconds that does nothing.</summary>
    public static JobDefinition Tick(string id = "Jobs.Tick") => Every(id, 10, _ => default);
}
