using System;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

/// <summary>Jobs built from dependency injection need a container: without one the scheduler says so at start, naming them.</summary>
public class ServiceJobTests
{
    private static JobDefinition Needy(string id) =>
        new(id, new IntervalTrigger(TimeSpan.FromSeconds(1)), _ => default) { RequiredServices = [typeof(IServiceProvider), typeof(System.Collections.Generic.List<Random>)] };

    [Fact]
    public async Task A_job_that_needs_services_fails_start_without_a_container_naming_the_job_and_the_services()
    {
        await using var scheduler = new FakeClockScheduler([Needy("Jobs.Cleanup")]);

        var error = Assert.Throws<InvalidOperationException>(() => scheduler.Scheduler.Start());

        Assert.Contains("\"Jobs.Cleanup\" needs IServiceProvider, List<Random>", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddGenScheduler()", error.Message, StringComparison.Ordinal);
        Assert.Equal(SchedulerState.NotStarted, scheduler.Scheduler.State);
    }

    [Fact]
    public async Task A_target_that_needs_services_fails_start_without_a_container_naming_it()
    {
        var target = JobDefinition.Unscheduled("Jobs.Target", _ => default, requiredServices: [typeof(IServiceProvider)]);
        await using var scheduler = new FakeClockScheduler([target]);

        var error = Assert.Throws<InvalidOperationException>(() => scheduler.Scheduler.Start());

        Assert.Contains("\"Jobs.Target\" needs IServiceProvider", error.Message, StringComparison.Ordinal);
        Assert.Equal(SchedulerState.NotStarted, scheduler.Scheduler.State);
    }

    [Fact]
    public async Task A_table_job_that_needs_services_and_is_removed_before_the_start_stops_nothing()
    {
        await using var scheduler = new FakeClockScheduler([Needy("Jobs.Cleanup"), Needy("Jobs.Other")]);
        scheduler.Scheduler.RemoveJob("Jobs.Cleanup");

        var error = Assert.Throws<InvalidOperationException>(() => scheduler.Scheduler.Start());
        Assert.DoesNotContain("Jobs.Cleanup", error.Message, StringComparison.Ordinal);

        scheduler.Scheduler.RemoveJob("Jobs.Other");
        scheduler.Scheduler.Start();
        Assert.Equal(SchedulerState.Running, scheduler.Scheduler.State);
    }

    [Fact]
    public async Task Adding_such_a_job_to_a_running_scheduler_without_a_container_is_refused()
    {
        await using var scheduler = new FakeClockScheduler([]);
        scheduler.Scheduler.Start();

        var error = Assert.Throws<InvalidOperationException>(() => scheduler.Scheduler.AddJob(Needy("Jobs.Late")));

        Assert.Contains("\"Jobs.Late\"", error.Message, StringComparison.Ordinal);
        Assert.False(scheduler.Scheduler.TryGetJob("Jobs.Late", out _));
    }

    [Fact]
    public async Task With_a_container_each_run_sees_it_in_its_context()
    {
        var services = new PassedThroughServices();
        IServiceProvider? seen = null;
        var job = new JobDefinition("Jobs.Uses", new IntervalTrigger(TimeSpan.FromSeconds(1)), context =>
        {
            seen = context.Services;
            return default;
        }) { RequiredServices = [typeof(Random)] };
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FakeClockScheduler.T0);
        await using var scheduler = new Scheduler([job], new SchedulerOptions { TimeProvider = time, Services = services, Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance });
        scheduler.Start();
        time.Advance(TimeSpan.FromSeconds(1));
        await scheduler.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Same(services, seen);
    }

    private sealed class PassedThroughServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
