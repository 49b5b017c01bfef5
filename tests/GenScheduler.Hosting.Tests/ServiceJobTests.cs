using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using static GenScheduler.Hosting.Tests.TestHost;

namespace GenScheduler.Hosting.Tests;

/// <summary>
/// Jobs built from dependency injection. The invoker is written by hand the way the generator writes it for an app that
/// references GenScheduler.Hosting: a new async scope from <see cref="JobContext.Services"/> per run, the job's type made
/// with its constructor's services from that scope, the scope disposed when the run ends.
/// </summary>
public sealed class ServiceJobTests
{
    /// <summary>What <c>public sealed class Cleanup(AppDb db) { [Interval(Seconds = 10)] public Task Run(CancellationToken ct) … }</c> becomes.</summary>
    private static JobDefinition Cleanup() =>
        new("MyApp.Cleanup.Run", new IntervalTrigger(TimeSpan.FromSeconds(10)), static async context =>
        {
            var scope = context.Services!.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await new CleanupJob(scope.ServiceProvider.GetRequiredService<AppDb>()).Run(context.CancellationToken).ConfigureAwait(false);
            }
        })
        {
            RequiredServices = [typeof(AppDb)],
        };

    [Fact]
    public async Task Each_run_gets_a_new_scope_whose_scoped_services_are_new_and_disposed_when_the_run_ends()
    {
        var seen = new ConcurrentQueue<(AppDb Db, bool DisposedDuringRun)>();
        await using var host = new TestHost([Cleanup()], setup: b =>
        {
            b.Services.AddSingleton(seen);
            b.Services.AddScoped<AppDb>();
        });
        await host.StartAsync();

        await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(10), "MyApp.Cleanup.Run");
        await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(10), "MyApp.Cleanup.Run");

        Assert.Equal(2, host.EventsOf(SchedulerEventKind.JobExecuted, "MyApp.Cleanup.Run").Count());
        var runs = seen.ToArray();
        Assert.Equal(2, runs.Length);
        Assert.NotSame(runs[0].Db, runs[1].Db);
        Assert.All(runs, r => Assert.False(r.DisposedDuringRun));
        Assert.All(runs, r => Assert.True(r.Db.Disposed));
    }

    [Fact]
    public async Task A_job_whose_service_is_not_registered_fails_the_start_naming_the_job_the_service_and_how_to_register_it()
    {
        var job = new JobDefinition("MyApp.Reports.Send", new IntervalTrigger(TimeSpan.FromMinutes(1)), _ => default)
        {
            RequiredServices = [typeof(AppDb), typeof(IMailer), typeof(IRepository<AppDb>)],
        };
        await using var host = new TestHost([job, Tick()], setup: b => b.Services.AddScoped<AppDb>());

        var error = Assert.IsType<InvalidOperationException>(await host.StartFailsAsync());

        Assert.Equal(
            "A job takes services that are not registered: job \"MyApp.Reports.Send\" needs IMailer (GenScheduler.Hosting.Tests), " +
            "IRepository<AppDb> (GenScheduler.Hosting.Tests). Register each before the host is built, such as " +
            "builder.Services.AddScoped<IMailer>() or AddSingleton<IMailer>(...): every run gets a new scope, so singleton, scoped " +
            "and transient services all work. Or leave the job out: GenScheduler:Jobs:<job id>:Enabled = false.",
            error.Message);
    }

    [Fact]
    public async Task A_disabled_job_is_not_checked_for_its_services()
    {
        var job = new JobDefinition("MyApp.Reports.Send", new IntervalTrigger(TimeSpan.FromMinutes(1)), _ => default) { RequiredServices = [typeof(IMailer)] };
        await using var host = new TestHost([job, Tick()], new System.Collections.Generic.Dictionary<string, string?>
        {
            ["GenScheduler:Jobs:MyApp.Reports.Send:Enabled"] = "false",
        });

        await host.StartAsync();

        Assert.Equal(["Jobs.Tick"], host.Scheduler.GetJobs().Select(j => j.Id));
    }

    [Fact]
    public async Task Open_generic_and_built_in_services_count_as_registered()
    {
        var job = new JobDefinition("MyApp.Uses", new IntervalTrigger(TimeSpan.FromMinutes(1)), _ => default)
        {
            RequiredServices = [typeof(IServiceProvider), typeof(IServiceScopeFactory), typeof(Microsoft.Extensions.Logging.ILogger<CleanupJob>), typeof(TimeProvider)],
        };
        await using var host = await new TestHost([job]).StartAsync();

        Assert.Equal(SchedulerState.Running, host.Scheduler.State);
    }

    public sealed class AppDb(ConcurrentQueue<(AppDb Db, bool DisposedDuringRun)> seen) : IAsyncDisposable
    {
        private int _disposed;

        public bool Disposed => Volatile.Read(ref _disposed) == 1;

        public void Used() => seen.Enqueue((this, Disposed));

        public ValueTask DisposeAsync()
        {
            Interlocked.Exchange(ref _disposed, 1);
            return default;
        }
    }

    public sealed class CleanupJob(AppDb db)
    {
        public Task Run(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            db.Used();
            return Task.CompletedTask;
        }
    }

    public interface IMailer;

    public interface IRepository<T>;
}
