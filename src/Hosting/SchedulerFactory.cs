using System;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GenScheduler.Hosting;

/// <summary>
/// Builds the singleton <see cref="Scheduler"/> from the table, the options and the container, the first time it is
/// asked for (normally by the hosted service's start): configuration checked, overrides applied, services checked,
/// store made, paused jobs paused. Nothing fires until <see cref="Scheduler.Start"/>.
/// </summary>
internal static class SchedulerFactory
{
    /// <summary>The runtime's defaults, for the settings the options leave null.</summary>
    private static readonly SchedulerOptions Defaults = new();

    /// <summary>How long cancelled runs get to end once the host's shutdown timeout has passed, before the host goes on without them.</summary>
    public static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(1);

    /// <exception cref="OptionsValidationException">Code or configuration set a bad value; the message names each.</exception>
    /// <exception cref="InvalidOperationException">A job needs a service that is not registered, or the store cannot be made.</exception>
    public static Scheduler Create(IServiceProvider services)
    {
        // The monitor's instance is the one ValidateOnStart checked, with its plan worked out already.
        var options = services.GetRequiredService<IOptionsMonitor<GenSchedulerOptions>>().CurrentValue;
        var table = services.GetRequiredService<HostedJobs>();
        var plan = options.Plan ??= JobPlan.Create(table, options);
        var loggers = services.GetService<ILoggerFactory>();
        var log = loggers?.CreateLogger(HostingLog.Category) ?? NullLogger.Instance;
        foreach (string job in plan.Disabled)
        {
            HostingLog.JobDisabled(log, job);
        }

        if (!ServiceRegistrationCheck.Ensure(plan.Jobs, services))
        {
            HostingLog.ServicesNotChecked(log);
        }

        var store = options.Store?.Create(services);
        Scheduler scheduler;
        try
        {
            scheduler = new Scheduler(plan.Jobs, new SchedulerOptions
            {
                TimeProvider = services.GetRequiredService<TimeProvider>(),
                // Without a logger factory the runtime's default stands: warnings and errors to standard error, never silence.
                Logger = loggers?.CreateLogger("GenScheduler"),
                Services = services,
                // The host's meter factory, so the GenScheduler meter is the host's to dispose and its listeners see it.
                MeterFactory = services.GetService<IMeterFactory>(),
                Store = store,
                MaxConcurrency = options.MaxConcurrency,
                DedicatedThreads = options.DedicatedThreads ?? Defaults.DedicatedThreads,
                MaxCatchUpRuns = options.MaxCatchUpRuns ?? Defaults.MaxCatchUpRuns,
                InlineRunLimit = options.InlineRunLimit ?? Defaults.InlineRunLimit,
                // The host's stop token ends the wait (GenSchedulerHostedService.StopAsync) unless code set a limit of its own.
                ShutdownTimeout = options.ShutdownTimeout ?? Timeout.InfiniteTimeSpan,
                NodeId = options.NodeId,
                NodeTimeout = options.NodeTimeout ?? Defaults.NodeTimeout,
                // The host answers Ctrl+C and SIGTERM, and stops the scheduler through StopAsync.
                HandleStopSignals = false,
            });
        }
        catch
        {
            store?.Dispose();
            throw;
        }

        services.GetService<JobFailureStreaks>()?.Attach(scheduler);
        foreach (string id in plan.Paused)
        {
            scheduler.PauseJob(id);
        }

        return scheduler;
    }

    /// <summary>The ids of the jobs with runs in flight, for the shutdown warnings.</summary>
    public static string RunningJobs(Scheduler scheduler)
    {
        var running = scheduler.GetJobs().Where(j => j.RunningInstances > 0).Select(j => j.Id).Order(StringComparer.Ordinal).ToList();
        return running.Count == 0 ? "none left" : string.Join(", ", running);
    }

    /// <summary>Waits for <paramref name="stopped"/> at most <paramref name="grace"/> of real time; whether it completed.</summary>
    public static async Task<bool> EndsWithin(Task stopped, TimeSpan grace)
    {
        try
        {
            await stopped.WaitAsync(grace).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
