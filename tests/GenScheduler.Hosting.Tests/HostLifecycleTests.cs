using System;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static GenScheduler.Hosting.Tests.TestHost;

namespace GenScheduler.Hosting.Tests;

/// <summary>The scheduler starts and stops with the host, takes the host's clock and loggers, and stays in reach for run-time control.</summary>
public sealed class HostLifecycleTests
{
    [Fact]
    public async Task The_host_starts_the_scheduler_jobs_fire_on_the_hosts_clock_and_stopping_the_host_stops_it()
    {
        int runs = 0;
        await using var host = new TestHost([Every("Jobs.Count", 10, _ =>
        {
            Interlocked.Increment(ref runs);
            return default;
        })]);
        Assert.Equal(SchedulerState.NotStarted, host.Scheduler.State);

        await host.StartAsync();
        Assert.Equal(SchedulerState.Running, host.Scheduler.State);
        Assert.Equal(T0.AddSeconds(10), host.Scheduler.NextDueTime);
        await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(10), "Jobs.Count");
        await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(10), "Jobs.Count");
        Assert.Equal(2, runs);

        await host.StopAsync();
        Assert.Equal(SchedulerState.Stopped, host.Scheduler.State);
        Assert.Single(host.EventsOf(SchedulerEventKind.SchedulerShutdown));
    }

    [Fact]
    public async Task The_scheduler_is_one_singleton_that_code_controls_at_run_time()
    {
        await using var host = await new TestHost([Tick()]).StartAsync();
        var scheduler = host.Host.Services.GetRequiredService<Scheduler>();
        Assert.Same(host.Scheduler, scheduler);

        int ran = 0;
        scheduler.AddJob("Jobs.Added", new IntervalTrigger(TimeSpan.FromSeconds(5)), () => Interlocked.Increment(ref ran));
        await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(5), "Jobs.Added");
        scheduler.PauseJob("Jobs.Tick");
        Assert.True(scheduler.GetJob("Jobs.Tick").IsPaused);
        Assert.Equal(1, ran);
    }

    [Fact]
    public async Task The_scheduler_logs_through_the_hosts_logger_factory_under_GenScheduler()
    {
        await using var host = await new TestHost([Every("Jobs.Fails", 1, _ => throw new InvalidOperationException("boom"))]).StartAsync();
        await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(1), "Jobs.Fails");

        var started = Assert.Single(host.Logs, l => l.Id.Name == "SchedulerStarted");
        Assert.Equal("GenScheduler", started.Category);
        var failed = Assert.Single(host.Logs, l => l.Id.Name == "JobError");
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.Contains("Jobs.Fails", failed.Message, StringComparison.Ordinal);
        Assert.Equal("boom", failed.Exception?.Message);
    }

    [Fact]
    public async Task The_scheduler_measures_through_the_hosts_meter_factory()
    {
        await using var host = new TestHost([Every("Jobs.Count", 10, _ => default)]);
        using var runs = new MetricCollector<long>(host.Host.Services.GetRequiredService<IMeterFactory>(), "GenScheduler", "genscheduler.job.runs");
        await host.StartAsync();

        await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(10), "Jobs.Count");

        await Until(() => runs.GetMeasurementSnapshot().Count > 0, "the run was counted");
        var run = Assert.Single(runs.GetMeasurementSnapshot());
        Assert.Equal(1, run.Value);
        Assert.Equal(("Jobs.Count", "succeeded"), (run.Tags["job.id"], run.Tags["job.outcome"]));
    }

    [Fact]
    public async Task The_options_come_from_code_and_are_there_to_read()
    {
        await using var host = new TestHost([Tick()], configure: o =>
        {
            o.MaxConcurrency = 4;
            o.NodeId = "node-a";
        });
        var options = host.Host.Services.GetRequiredService<IOptions<GenSchedulerOptions>>().Value;

        Assert.Equal(4, options.MaxConcurrency);
        Assert.Equal("node-a", options.NodeId);
        Assert.Null(options.ShutdownTimeout);
        Assert.Equal(GenSchedulerOptions.DefaultSectionName, options.ConfigurationSection);
    }

    [Fact]
    public async Task A_second_call_with_the_same_table_adds_its_options_and_one_with_another_table_is_refused()
    {
        JobDefinition[] table = [Tick()];
        await using var host = new TestHost(table, configure: o => o.MaxConcurrency = 2, setup: b =>
        {
            b.Services.AddGenScheduler(table, o => o.NodeId = "second");
            var error = Assert.Throws<InvalidOperationException>(() => b.Services.AddGenScheduler([Tick("Jobs.Other")]));
            Assert.Contains("different job tables", error.Message, StringComparison.Ordinal);
        });
        await host.StartAsync();

        var options = host.Host.Services.GetRequiredService<IOptions<GenSchedulerOptions>>().Value;
        Assert.Equal((2, "second"), (options.MaxConcurrency, options.NodeId));
        Assert.Single(host.Host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<GenSchedulerHostedService>());
        Assert.Single(host.Scheduler.GetJobs());
    }

    [Fact]
    public async Task Code_values_out_of_range_fail_the_start_naming_the_property_and_the_rule()
    {
        await using var host = new TestHost([Tick()], configure: o =>
        {
            o.MaxConcurrency = 0;
            o.NodeTimeout = TimeSpan.FromMilliseconds(10);
            o.InlineRunLimit = TimeSpan.FromTicks(-1);
            o.Job("Jobs.Tick").Options = new JobOptions { MaxInstances = 0 };
            o.Job("Jobs.Tik").Enabled = false;
        });

        var error = Assert.IsType<OptionsValidationException>(await host.StartFailsAsync());

        Assert.Contains("GenSchedulerOptions.MaxConcurrency is 0; it must be at least 1, or null for no limit", error.Message, StringComparison.Ordinal);
        Assert.Contains("GenSchedulerOptions.NodeTimeout is 00:00:00.0100000; it must be between 300 ms and one day", error.Message, StringComparison.Ordinal);
        Assert.Contains("GenSchedulerOptions.InlineRunLimit is -00:00:00.0000001; it must be between zero (no runs on the scheduler's thread) and one second, or null for the default (100 µs)", error.Message, StringComparison.Ordinal);
        Assert.Contains("GenSchedulerOptions.Job(\"Jobs.Tick\").Options: Job \"Jobs.Tick\": MaxInstances is 0; it must be at least 1.", error.Message, StringComparison.Ordinal);
        Assert.Contains("GenSchedulerOptions.Job(\"Jobs.Tik\") names no job: the job table has no job with that id; did you mean \"Jobs.Tick\"?", error.Message, StringComparison.Ordinal);
    }
}
