using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GenScheduler.Hosting;

/// <summary>
/// Healthy while the scheduler runs and keeps up. Unhealthy (the registration's failure status) when it is not running,
/// when its earliest due job is overdue by more than the threshold (the firing loop is stuck, the scheduler is paused,
/// or a store holds fires back), or when a job failed the given number of times in a row. Reads
/// <see cref="Scheduler.NextDueTime"/>, the top of the timer heap, so a check costs the same with a million jobs.
/// </summary>
internal sealed class GenSchedulerHealthCheck(Scheduler scheduler, TimeProvider time, JobFailureStreaks streaks, TimeSpan overdueAfter, int failuresInARow)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = scheduler.State;
        var data = new Dictionary<string, object> { ["state"] = state.ToString() };
        if (state is not (SchedulerState.Running or SchedulerState.Paused))
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, $"The scheduler is not running: it is {state}.", data: data));
        }

        var problems = new List<string>();
        var now = time.GetUtcNow();
        if (scheduler.NextDueTime is { } due)
        {
            data["nextDueTime"] = due;
            var late = now - due;
            if (late > overdueAfter)
            {
                data["overdueBy"] = late;
                string why = state == SchedulerState.Paused ? "the scheduler is paused" : "the firing loop is stuck, or a job store holds fires back";
                problems.Add($"The earliest due job was due at {Instant(due)}, {Span(late)} ago, more than the {Span(overdueAfter)} allowed: {why}");
            }
        }

        foreach (var (id, count, last) in streaks.AtLeast(failuresInARow))
        {
            data[$"failuresInARow:{id}"] = count;
            problems.Add($"Job \"{id}\" failed {count} times in a row{(last is null ? "" : $", last with {last.GetType().Name}: {last.Message}")}");
        }

        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy(Summary(scheduler.NextDueTime), data)
            : new HealthCheckResult(context.Registration.FailureStatus, string.Join("; ", problems) + ".", data: data));

        static string Summary(DateTimeOffset? next) => next is { } at ? $"The scheduler keeps up; the next job is due at {Instant(at)}." : "The scheduler runs; no job is due.";
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);

    private static string Span(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);
}
