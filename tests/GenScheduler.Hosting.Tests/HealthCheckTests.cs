using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static GenScheduler.Hosting.Tests.TestHost;

namespace GenScheduler.Hosting.Tests;

/// <summary>The health check goes Unhealthy when the earliest due job is overdue past the threshold, or a job keeps failing, and back.</summary>
public sealed class HealthCheckTests
{
    private static TestHost WithHealthCheck(JobDefinition job, TimeSpan? overdueAfter = null, int failuresInARow = 3) =>
        new([job], setup: b => b.Services.AddHealthChecks().AddGenScheduler(overdueAfter: overdueAfter, failuresInARow: failuresInARow, tags: ["ready"]));

    private static async Task<HealthReportEntry> Check(TestHost host)
    {
        var report = await host.Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries["genscheduler"];
    }

    [Fact]
    public async Task Overdue_past_the_threshold_without_firing_is_unhealthy_and_firing_again_is_healthy()
    {
        await using var host = await WithHealthCheck(Tick(), overdueAfter: TimeSpan.FromSeconds(30)).StartAsync();
        var entry = await Check(host);
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(T0.AddSeconds(10), entry.Data["nextDueTime"]);
        Assert.Contains("ready", entry.Tags);

        // Paused, the scheduler fires nothing: the earliest due time stays where it was while the clock passes it.
        host.Scheduler.Pause();
        host.Time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(HealthStatus.Healthy, (await Check(host)).Status);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        entry = await Check(host);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal(
            "The earliest due job was due at 2026-11-27 14:00:10.000 UTC, 00:00:31 ago, more than the 00:00:30 allowed: the scheduler is paused.",
            entry.Description);
        Assert.Equal(TimeSpan.FromSeconds(31), entry.Data["overdueBy"]);

        host.Scheduler.Resume();
        await Until(async () => (await Check(host)).Status == HealthStatus.Healthy, "the check is healthy again");
        Assert.True(host.Scheduler.NextDueTime > host.Time.GetUtcNow());
    }

    [Fact]
    public async Task A_job_failing_n_times_in_a_row_is_unhealthy_until_it_succeeds()
    {
        bool fail = true;
        var job = Every("Jobs.Flaky", 1, _ => fail ? throw new InvalidOperationException("database is down") : default);
        await using var host = await WithHealthCheck(job, failuresInARow: 3).StartAsync();

        await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(1), "Jobs.Flaky");
        await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(1), "Jobs.Flaky");
        Assert.Equal(HealthStatus.Healthy, (await Check(host)).Status);
        await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(1), "Jobs.Flaky");

        var entry = await Check(host);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("Job \"Jobs.Flaky\" failed 3 times in a row, last with InvalidOperationException: database is down.", entry.Description);
        Assert.Equal(3, entry.Data["failuresInARow:Jobs.Flaky"]);

        fail = false;
        await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(1), "Jobs.Flaky");
        Assert.Equal(HealthStatus.Healthy, (await Check(host)).Status);
    }

    [Fact]
    public async Task Not_running_is_unhealthy_and_the_failure_status_can_be_degraded()
    {
        await using var host = new TestHost([Tick()], setup: b => b.Services.AddHealthChecks().AddGenScheduler("jobs", failureStatus: HealthStatus.Degraded));
        var service = host.Host.Services.GetRequiredService<HealthCheckService>();

        var before = (await service.CheckHealthAsync()).Entries["jobs"];
        Assert.Equal((HealthStatus.Degraded, "The scheduler is not running: it is NotStarted."), (before.Status, before.Description));

        await host.StartAsync();
        Assert.Equal(HealthStatus.Healthy, (await service.CheckHealthAsync()).Entries["jobs"].Status);
        await host.StopAsync();
        Assert.Equal("The scheduler is not running: it is Stopped.", (await service.CheckHealthAsync()).Entries["jobs"].Description);
    }

    [Fact]
    public void Thresholds_out_of_range_are_refused()
    {
        var builder = new ServiceCollection().AddHealthChecks();

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddGenScheduler(overdueAfter: TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddGenScheduler(failuresInARow: 0));
    }
}
