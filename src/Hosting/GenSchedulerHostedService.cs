using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenScheduler.Hosting;

/// <summary>
/// Starts the scheduler with the host and stops it with the host: running jobs may finish until the host's shutdown
/// timeout fires the stop token, then their tokens are cancelled and they get <see cref="SchedulerFactory.CancelGrace"/>
/// to end. The scheduler is resolved here, not in the constructor, so a bad configuration or a store that cannot be
/// opened fails <see cref="StartAsync"/>, which the host reports as its start failing.
/// </summary>
internal sealed class GenSchedulerHostedService(IServiceProvider services) : IHostedService
{
    private Scheduler? _scheduler;

    private ILogger Log => services.GetService<ILoggerFactory>()?.CreateLogger(HostingLog.Category) ?? NullLogger.Instance;

    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">Code or configuration set a bad value.</exception>
    /// <exception cref="InvalidOperationException">A job's service is not registered.</exception>
    /// <exception cref="JobStoreException">The store cannot be opened; the message names it and the cause.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var scheduler = _scheduler = services.GetRequiredService<Scheduler>();

        // Resolved after the scheduler, so the container disposes it before the scheduler (see ShutdownGuard).
        services.GetRequiredService<ShutdownGuard>();
        scheduler.Start();

        // A store's row may have resumed a job that the options pause (the stored state wins at start); pause it again.
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<GenSchedulerOptions>>().CurrentValue;
        foreach (string id in options.Plan?.Paused ?? [])
        {
            if (scheduler.TryGetJob(id, out var job) && !job.IsPaused)
            {
                scheduler.PauseJob(id);
            }
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is not { } scheduler)
        {
            return;
        }

        // Waits for running jobs; with GenSchedulerOptions.ShutdownTimeout set, the scheduler cancels them itself after it.
        var stopped = scheduler.ShutdownAsync(wait: true);
        try
        {
            await stopped.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout passed (or its caller gave up): cancel what still runs.
        }

        var log = Log;
        HostingLog.HostShutdownTimeout(log, SchedulerFactory.RunningJobs(scheduler));
        await scheduler.ShutdownAsync(wait: false).ConfigureAwait(false);
        if (!await SchedulerFactory.EndsWithin(stopped, SchedulerFactory.CancelGrace).ConfigureAwait(false))
        {
            HostingLog.RunsOutlivedShutdown(log, SchedulerFactory.CancelGrace, SchedulerFactory.RunningJobs(scheduler));
        }
    }
}

/// <summary>
/// The scheduler waits for running jobs without a limit of its own (the host's timeout is the limit), so a host disposed
/// without being stopped, as <c>RunAsync</c> does when another service fails to start, would have the container's
/// disposal of the scheduler wait for them for ever. The container disposes services in the reverse order of their
/// creation, and this one is made just after the scheduler: it cancels running jobs first.
/// </summary>
internal sealed class ShutdownGuard(Scheduler scheduler, ILoggerFactory? loggers = null) : IAsyncDisposable, IDisposable
{
    public async ValueTask DisposeAsync()
    {
        if (scheduler.State is SchedulerState.NotStarted or SchedulerState.Stopped)
        {
            return;
        }

        HostingLog.DisposedWhileRunning(loggers?.CreateLogger(HostingLog.Category) ?? NullLogger.Instance);
        await scheduler.ShutdownAsync(wait: false).ConfigureAwait(false);
        await SchedulerFactory.EndsWithin(scheduler.ShutdownAsync(wait: true), SchedulerFactory.CancelGrace).ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
