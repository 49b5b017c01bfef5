using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using static GenScheduler.Hosting.Tests.TestHost;

namespace GenScheduler.Hosting.Tests;

/// <summary>
/// The contract with the generator, end to end: this project references GenScheduler.Hosting, so the generator makes
/// <see cref="GeneratedCleanup"/> from dependency injection in a new scope per run, lists its services in
/// <see cref="JobDefinition.RequiredServices"/>, and writes a parameterless <c>services.AddGenScheduler()</c> that calls
/// the package's with this project's <see cref="ScheduledJobs.All"/>.
/// </summary>
public sealed class GeneratedJobTests
{
    private const string Id = "GenScheduler.Hosting.Tests.GeneratedCleanup.Run";

    [Fact]
    public async Task The_generated_AddGenScheduler_runs_the_generated_table_with_a_new_scope_and_instance_per_run()
    {
        var log = new RunLog();
        await using var host = new TestHost(jobs: null, setup: b =>
        {
            b.Services.AddSingleton(log);
            b.Services.AddScoped<ScopedDb>();
        });
        await host.StartAsync();
        Assert.Equal([typeof(RunLog), typeof(ScopedDb)], host.Scheduler.GetJob(Id).Definition.RequiredServices);

        await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(10), Id);
        await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(10), Id);

        Assert.Equal(2, host.EventsOf(SchedulerEventKind.JobExecuted, Id).Count());
        var runs = log.Runs.ToArray();
        Assert.Equal(2, runs.Length);
        Assert.NotSame(runs[0].Db, runs[1].Db);
        Assert.NotSame(runs[0].Job, runs[1].Job);
        Assert.All(runs, r => Assert.True(r.Db.Disposed));
    }

    [Fact]
    public async Task The_generated_table_with_a_service_missing_fails_the_start_naming_it()
    {
        await using var host = new TestHost(jobs: null, setup: b => b.Services.AddSingleton(new RunLog()));

        var error = Assert.IsType<InvalidOperationException>(await host.StartFailsAsync());

        Assert.StartsWith($"A job takes services that are not registered: job \"{Id}\" needs ScopedDb (GenScheduler.Hosting.Tests).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_overrides_a_generated_job_by_its_id()
    {
        await using var host = new TestHost(jobs: null, new System.Collections.Generic.Dictionary<string, string?>
        {
            [$"GenScheduler:Jobs:{Id}:Interval"] = "00:00:02",
        }, setup: b =>
        {
            b.Services.AddSingleton(new RunLog());
            b.Services.AddScoped<ScopedDb>();
        });
        await host.StartAsync();

        await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(2), Id);
        Assert.Equal(TimeSpan.FromSeconds(2), Assert.IsType<IntervalTrigger>(host.Scheduler.GetJob(Id).Definition.Trigger).Interval);
    }
}

/// <summary>A job of this project's generated table, made from dependency injection for each run.</summary>
public sealed class GeneratedCleanup(RunLog log, ScopedDb db)
{
    [Interval(Seconds = 10)]
    public Task Run(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        log.Runs.Enqueue((this, db));
        return Task.CompletedTask;
    }
}

/// <summary>A singleton that records each run.</summary>
public sealed class RunLog
{
    public ConcurrentQueue<(GeneratedCleanup Job, ScopedDb Db)> Runs { get; } = new();
}

/// <summary>A scoped service: one per run, disposed when the run's scope is.</summary>
public sealed class ScopedDb : IDisposable
{
    private int _disposed;

    public bool Disposed => Volatile.Read(ref _disposed) == 1;

    public void Dispose() => Interlocked.Exchange(ref _disposed, 1);
}
