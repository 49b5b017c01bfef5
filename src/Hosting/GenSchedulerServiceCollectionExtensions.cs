using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GenScheduler.Hosting;

/// <summary>Registers GenScheduler in a Generic Host or ASP.NET Core app.</summary>
public static class GenSchedulerServiceCollectionExtensions
{
    /// <summary>
    /// Registers a scheduler for <paramref name="jobs"/> that starts and stops with the host. Apps that reference
    /// GenScheduler.Hosting get a generated <c>services.AddGenScheduler(configure)</c> that passes their
    /// <c>ScheduledJobs.All</c> here; call this one directly for another table.
    /// </summary>
    /// <remarks>
    /// <para>Registers: the <see cref="Scheduler"/> as a singleton (built when the host starts; resolve it for run-time
    /// control), a hosted service that starts it and, on stop, lets running jobs finish until the host's shutdown timeout
    /// and then cancels them, <see cref="TimeProvider.System"/> as the <see cref="TimeProvider"/> unless one is registered,
    /// and <see cref="GenSchedulerOptions"/>, checked at start (ValidateOnStart).</para>
    /// <para>The options: <paramref name="configure"/> first, then the configuration section (<c>GenScheduler</c>), which
    /// overrides what it names. The scheduler logs through the container's <see cref="ILoggerFactory"/> (category
    /// <c>GenScheduler</c>) and hands each run the root <see cref="IServiceProvider"/> in <see cref="JobContext.Services"/>,
    /// from which a job built from dependency injection makes its own scope. Calling this again adds
    /// <paramref name="configure"/> to the options; the table must be the same.</para>
    /// </remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="jobs">The job table, normally the generated <c>ScheduledJobs.All</c>.</param>
    /// <param name="configure">Sets options in code: store, limits, per-job overrides. Configuration overrides it.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="InvalidOperationException">It was called before with another job table.</exception>
    public static IServiceCollection AddGenScheduler(this IServiceCollection services, IReadOnlyList<JobDefinition> jobs, Action<GenSchedulerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(jobs);
        var registered = services.FirstOrDefault(d => d.ServiceType == typeof(HostedJobs))?.ImplementationInstance as HostedJobs;
        if (registered is not null && !ReferenceEquals(registered.Jobs, jobs))
        {
            throw new InvalidOperationException(
                "AddGenScheduler was called twice with different job tables; a host runs one scheduler. Pass one table " +
                "(ScheduledJobs.All holds the jobs of the app and of the libraries it references).");
        }

        if (registered is null)
        {
            var table = new HostedJobs(jobs);
            services.AddSingleton(table);
            services.TryAddSingleton(TimeProvider.System);
            services.AddOptions<GenSchedulerOptions>().ValidateOnStart();
            services.AddSingleton<IPostConfigureOptions<GenSchedulerOptions>>(sp => new ConfigurationReader(sp.GetService<IConfiguration>(), table));
            services.AddSingleton<IValidateOptions<GenSchedulerOptions>>(new OptionsValidator(table));
            services.AddSingleton(SchedulerFactory.Create);
            services.AddSingleton(sp => new ShutdownGuard(sp.GetRequiredService<Scheduler>(), sp.GetService<ILoggerFactory>()));
            services.AddHostedService(sp => new GenSchedulerHostedService(sp));
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services;
    }
}
