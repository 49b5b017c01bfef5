using System;
using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GenScheduler.Hosting;

/// <summary>Adds GenScheduler's health check: <c>builder.Services.AddHealthChecks().AddGenScheduler()</c>.</summary>
public static class GenSchedulerHealthChecksBuilderExtensions
{
    /// <summary>The threshold when none is given: the earliest due job may be this late before the check fails.</summary>
    public static TimeSpan DefaultOverdueAfter { get; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Adds a health check of the scheduler registered by <c>AddGenScheduler</c>. It reports
    /// <paramref name="failureStatus"/> when the scheduler is not running (before the host started it, or once it stops),
    /// when its earliest due job (<see cref="Scheduler.NextDueTime"/>) is overdue by more than
    /// <paramref name="overdueAfter"/> by the scheduler's <see cref="TimeProvider"/> (the firing loop is stuck, the
    /// scheduler is paused, or a store outage holds fires back), or when a job failed <paramref name="failuresInARow"/>
    /// times in a row (a run that succeeds ends its streak); otherwise Healthy. The data has the state, the next due time
    /// and each failing job's streak.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="overdueAfter">How late the earliest due job may be; <see cref="DefaultOverdueAfter"/> (one minute) when omitted.</param>
    /// <param name="failuresInARow">How many failures in a row of one job make the check fail; at least 1.</param>
    /// <param name="failureStatus">What a failing check reports; <see cref="HealthStatus.Unhealthy"/> when omitted.</param>
    /// <param name="tags">Tags to filter checks by, as health check endpoints do.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="overdueAfter"/> is not positive, or <paramref name="failuresInARow"/> is less than 1.</exception>
    public static IHealthChecksBuilder AddGenScheduler(this IHealthChecksBuilder builder, string name = "genscheduler", TimeSpan? overdueAfter = null,
        int failuresInARow = 3, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var overdue = overdueAfter ?? DefaultOverdueAfter;
        if (overdue <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(overdueAfter), overdue, $"overdueAfter is {overdue}; it must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(failuresInARow, 1);

        // The streaks are counted from the scheduler's first run: the factory attaches them when it builds the scheduler.
        builder.Services.TryAddSingleton<JobFailureStreaks>();
        return builder.Add(new HealthCheckRegistration(
            name,
            services => new GenSchedulerHealthCheck(
                services.GetRequiredService<Scheduler>(),
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<JobFailureStreaks>(),
                overdue,
                failuresInARow),
            failureStatus,
            tags));
    }
}
