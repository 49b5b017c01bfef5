using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using GenScheduler.Generator.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GenScheduler.Generator.Tests;

/// <summary>
/// Compiles jobs that take services, with the generator in hosting mode, loads them, and runs their invokers against the
/// real Microsoft.Extensions.DependencyInjection container: a new instance and a new scope per run, the scope's services
/// disposed when the run ends, and without a container a clear error before anything runs.
/// </summary>
public class HostingEndToEndTests
{
    private const string Program = """
        namespace Hosted
        {
            public static class Hooks
            {
                public static Action<object, object>? OnCleanup;
                public static Action<object>? OnCount;
            }

            // Only asynchronously disposable: a scope disposed synchronously would throw.
            public sealed class AppDb : IAsyncDisposable
            {
                public bool Disposed { get; private set; }

                public ValueTask DisposeAsync()
                {
                    Disposed = true;
                    return default;
                }
            }

            public sealed class Cleanup(AppDb db)
            {
                [Interval(Minutes = 5)]
                public async Task Run(CancellationToken ct)
                {
                    await Task.Yield();
                    Hooks.OnCleanup?.Invoke(this, db);
                }
            }

            public static class Reports
            {
                [Interval(Minutes = 1)]
                public static void Count(JobContext context, AppDb db) => Hooks.OnCount?.Invoke(db);

                // A target: scheduled at run time, and refused at start like a job when there is no container.
                [Job]
                public static void OnDemand(AppDb db) => Hooks.OnCount?.Invoke(db);
            }
        }
        """;

    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JobContext Context(JobDefinition job, IServiceProvider? services) =>
        new(job.Id, T0, T0, CancellationToken.None) { Services = services };

    private static GeneratorRun Generate() =>
        GeneratorHarness.Run(GeneratorHarness.CompileWithHosting(Program), BuildProperties.Project("Hosted")).AssertGeneratorClean().AssertCompilesClean();

    private static void SetHook(LoadedAssemblies loaded, string name, Delegate hook) =>
        loaded[1].GetType("Hosted.Hooks", throwOnError: true)!.GetField(name)!.SetValue(null, hook);

    private static bool Disposed(object db) => (bool)db.GetType().GetProperty("Disposed")!.GetValue(db)!;

    [Fact]
    public async Task Each_run_gets_a_new_instance_from_a_new_scope_that_is_disposed_after_it()
    {
        using var loaded = new LoadedAssemblies(HostingStandIn.Compilation, Generate().Output);
        JobDefinition cleanup = loaded.All().Single(j => j.Id == "Hosted.Cleanup.Run");
        Type appDb = loaded[1].GetType("Hosted.AppDb", throwOnError: true)!;
        Assert.Equal([appDb], cleanup.RequiredServices);

        var seen = new List<(object Job, object Db)>();
        SetHook(loaded, "OnCleanup", new Action<object, object>((job, db) =>
        {
            Assert.False(Disposed(db));
            seen.Add((job, db));
        }));
        var services = new ServiceCollection();
        services.AddScoped(appDb);
        await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        await cleanup.Invoker(Context(cleanup, provider));
        await cleanup.Invoker(Context(cleanup, provider));

        Assert.Equal(2, seen.Count);
        Assert.NotSame(seen[0].Job, seen[1].Job);
        Assert.NotSame(seen[0].Db, seen[1].Db);
        Assert.All(seen, s => Assert.True(Disposed(s.Db), "The run's scope was not disposed after the run."));
    }

    [Fact]
    public async Task A_static_job_takes_its_service_parameters_from_a_scope_of_its_own()
    {
        using var loaded = new LoadedAssemblies(HostingStandIn.Compilation, Generate().Output);
        JobDefinition count = loaded.All().Single(j => j.Id == "Hosted.Reports.Count");
        var seen = new List<object>();
        SetHook(loaded, "OnCount", new Action<object>(seen.Add));
        var services = new ServiceCollection();
        services.AddScoped(loaded[1].GetType("Hosted.AppDb", throwOnError: true)!);
        await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await count.Invoker(Context(count, provider));
        await count.Invoker(Context(count, provider));

        Assert.Equal(2, seen.Count);
        Assert.NotSame(seen[0], seen[1]);
        Assert.All(seen, db => Assert.True(Disposed(db)));
    }

    [Fact]
    public void A_target_that_takes_services_carries_them_like_a_job_so_the_scheduler_can_check_them_at_start()
    {
        using var loaded = new LoadedAssemblies(HostingStandIn.Compilation, Generate().Output);
        JobDefinition target = loaded.All().Single(j => j.Id == "Hosted.Reports.OnDemand");

        Assert.False(target.IsScheduled);
        Assert.Equal([loaded[1].GetType("Hosted.AppDb", throwOnError: true)!], target.RequiredServices);
    }

    [Fact]
    public async Task Without_a_container_the_scheduler_refuses_to_start_and_an_invoker_names_its_job()
    {
        using var loaded = new LoadedAssemblies(HostingStandIn.Compilation, Generate().Output);
        IReadOnlyList<JobDefinition> all = loaded.All();

        await using (var scheduler = new Scheduler(all))
        {
            var refused = Assert.Throws<InvalidOperationException>(() => scheduler.Start());
            Assert.Contains("\"Hosted.Cleanup.Run\" needs AppDb", refused.Message, StringComparison.Ordinal);
        }

        JobDefinition cleanup = all.Single(j => j.Id == "Hosted.Cleanup.Run");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await cleanup.Invoker(Context(cleanup, null)));
        Assert.Contains("The job \"Hosted.Cleanup.Run\" takes services from dependency injection", error.Message, StringComparison.Ordinal);
        Assert.Contains("services.AddGenScheduler()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_AddGenScheduler_registers_the_assemblys_table_with_the_hosting_package()
    {
        using var loaded = new LoadedAssemblies(HostingStandIn.Compilation, Generate().Output);
        MethodInfo add = loaded[1].GetType("Microsoft.Extensions.DependencyInjection.GenScheduler_Hosted_ServiceCollectionExtensions", throwOnError: true)!
            .GetMethod("AddGenScheduler", BindingFlags.Static | BindingFlags.NonPublic)!;
        var services = new ServiceCollection();

        object? returned = add.Invoke(null, [services, null]);

        Assert.Same(services, returned);
        Type hosting = loaded[0].GetType("GenScheduler.Hosting.GenSchedulerServiceCollectionExtensions", throwOnError: true)!;
        Assert.Same(loaded.All(), hosting.GetProperty("Registered")!.GetValue(null));
    }
}
