using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static GenScheduler.Hosting.Tests.TestHost;

namespace GenScheduler.Hosting.Tests;

/// <summary>
/// Stopping the host lets running jobs finish until the host's shutdown timeout, then cancels them. The host's stop token
/// is real time, so these tests set a short <see cref="HostOptions.ShutdownTimeout"/>; the jobs start at once
/// (<see cref="JobOptions.RunOnStart"/>) and wait on a gate or on their token, never on the clock.
/// </summary>
public sealed class ShutdownTests
{
    private static readonly JobOptions AtStart = new() { RunOnStart = true };

    private static Action<HostApplicationBuilder> ShutdownTimeout(TimeSpan timeout) =>
        b => b.Services.Configure<HostOptions>(o => o.ShutdownTimeout = timeout);

    [Fact]
    public async Task Stopping_waits_for_a_running_job_to_finish_within_the_hosts_shutdown_timeout()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool cancelled = false;
        await using var host = new TestHost([new JobDefinition("Jobs.Slow", new IntervalTrigger(TimeSpan.FromHours(1)), async context =>
        {
            started.TrySetResult();
            await gate.Task;
            cancelled = context.CancellationToken.IsCancellationRequested;
        }, AtStart)], setup: ShutdownTimeout(TimeSpan.FromSeconds(30)));
        await host.StartAsync();
        await started.Task.WaitAsync(Safety);

        var stop = host.Host.StopAsync();
        Assert.False(stop.IsCompleted);
        Assert.Equal(SchedulerState.ShuttingDown, host.Scheduler.State);
        gate.SetResult();
        await stop.WaitAsync(Safety);

        Assert.False(cancelled);
        Assert.Single(host.EventsOf(SchedulerEventKind.JobExecuted, "Jobs.Slow"));
        Assert.Empty(host.EventsOf(SchedulerEventKind.JobCancelled));
        Assert.Equal(SchedulerState.Stopped, host.Scheduler.State);
        Assert.DoesNotContain(host.Logs, l => l.Id.Name == "HostShutdownTimeout");
    }

    [Fact]
    public async Task After_the_hosts_shutdown_timeout_running_jobs_are_cancelled_and_the_stop_returns()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = new TestHost([new JobDefinition("Jobs.Endless", new IntervalTrigger(TimeSpan.FromHours(1)), async context =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }, AtStart)], setup: ShutdownTimeout(TimeSpan.FromMilliseconds(300)));
        await host.StartAsync();
        await started.Task.WaitAsync(Safety);

        var clock = Stopwatch.StartNew();
        await host.StopAsync();

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        Assert.Single(host.EventsOf(SchedulerEventKind.JobCancelled, "Jobs.Endless"));
        Assert.Equal(SchedulerState.Stopped, host.Scheduler.State);
        var warning = Assert.Single(host.Logs, l => l.Id.Name == "HostShutdownTimeout");
        Assert.Contains("(Jobs.Endless)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_that_ignores_its_token_does_not_hold_the_host_past_the_timeout_and_a_second()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = new TestHost([new JobDefinition("Jobs.Stubborn", new IntervalTrigger(TimeSpan.FromHours(1)), async _ =>
        {
            started.TrySetResult();
            await gate.Task;
        }, AtStart)], setup: ShutdownTimeout(TimeSpan.FromMilliseconds(200)));
        await host.StartAsync();
        await started.Task.WaitAsync(Safety);

        var clock = Stopwatch.StartNew();
        await host.StopAsync();

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(10));
        Assert.Single(host.Logs, l => l.Id.Name == "RunsOutlivedShutdown" && l.Message.Contains("Jobs.Stubborn", StringComparison.Ordinal));
        Assert.Equal(SchedulerState.ShuttingDown, host.Scheduler.State);

        // Once the job ends, the scheduler finishes stopping; disposing the host waits for that.
        gate.SetResult();
        await host.WaitFor(SchedulerEventKind.SchedulerShutdown);
    }

    [Fact]
    public async Task A_shutdown_timeout_of_the_options_cancels_sooner_on_the_schedulers_clock()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = new TestHost([new JobDefinition("Jobs.Endless", new IntervalTrigger(TimeSpan.FromHours(1)), async context =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }, AtStart)], configure: o => o.ShutdownTimeout = TimeSpan.FromSeconds(5), setup: ShutdownTimeout(TimeSpan.FromMinutes(5)));
        await host.StartAsync();
        await started.Task.WaitAsync(Safety);

        var stop = host.StopAsync();
        host.Time.Advance(TimeSpan.FromSeconds(5));
        await stop;

        Assert.Single(host.EventsOf(SchedulerEventKind.JobCancelled, "Jobs.Endless"));
        Assert.Equal(SchedulerState.Stopped, host.Scheduler.State);
        Assert.DoesNotContain(host.Logs, l => l.Id.Name == "HostShutdownTimeout");
    }

    [Fact]
    public async Task A_host_disposed_without_being_stopped_cancels_running_jobs_instead_of_waiting_for_them()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = new TestHost([new JobDefinition("Jobs.Endless", new IntervalTrigger(TimeSpan.FromHours(1)), async context =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }, AtStart)]);
        await host.StartAsync();
        await started.Task.WaitAsync(Safety);
        var scheduler = host.Scheduler;

        await host.DisposeAsync();

        Assert.Single(host.Events, e => e.Kind == SchedulerEventKind.JobCancelled);
        Assert.Equal(SchedulerState.Stopped, scheduler.State);
    }
}
