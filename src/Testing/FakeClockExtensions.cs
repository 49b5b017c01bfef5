using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace GenScheduler;

/// <summary>
/// Moves a scheduler's fake clock as time would pass: through every instant a job is due on the way, waiting at each
/// until the runs it started have ended. A single <see cref="FakeTimeProvider.Advance"/> jumps: a job due on the way
/// is found late by the whole jump and, past its <see cref="JobOptions.MisfireGraceTime"/>, reported missed, as for a
/// process that slept. These methods make each run start at its own time.
/// </summary>
/// <remarks>
/// The scheduler must run on the fake clock given (<see cref="SchedulerOptions.TimeProvider"/>), be started and not
/// paused; otherwise the clock is simply moved. A run that waits for something the test has not done yet (or for the
/// fake clock itself) holds the wait: pass a <see cref="CancellationToken"/> to bound it.
/// </remarks>
public static class FakeClockExtensions
{
    /// <summary>Moves <paramref name="time"/> forward by <paramref name="by"/>, stopping at each due instant, and waits until every run started on the way has ended.</summary>
    /// <param name="scheduler">The scheduler, running on <paramref name="time"/>.</param>
    /// <param name="time">The scheduler's clock.</param>
    /// <param name="by">How far to move it; zero waits for what is due now.</param>
    /// <param name="cancellationToken">Stops waiting; the clock stays where it got to.</param>
    /// <returns>A task that completes when the clock is at its target and the scheduler is idle.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative: a fake clock is moved back with <see cref="FakeTimeProvider.SetUtcNow"/>.</exception>
    public static Task AdvanceAsync(this Scheduler scheduler, FakeTimeProvider time, TimeSpan by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by,
                $"Advancing by {by} would move the clock back; to test a clock set back, call time.SetUtcNow(...) and await scheduler.WhenIdleAsync().");
        }

        return scheduler.AdvanceToAsync(time, time.GetUtcNow() + by, cancellationToken);
    }

    /// <summary>Moves <paramref name="time"/> forward to <paramref name="target"/>, stopping at each due instant, and waits until every run started on the way has ended.</summary>
    /// <param name="scheduler">The scheduler, running on <paramref name="time"/>.</param>
    /// <param name="time">The scheduler's clock.</param>
    /// <param name="target">Where the clock ends; a time already past only waits for what is due now.</param>
    /// <param name="cancellationToken">Stops waiting; the clock stays where it got to.</param>
    /// <returns>A task that completes when the clock is at its target and the scheduler is idle.</returns>
    public static async Task AdvanceToAsync(this Scheduler scheduler, FakeTimeProvider time, DateTimeOffset target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(time);
        await scheduler.WhenIdleAsync(cancellationToken).ConfigureAwait(false);
        while (scheduler.NextDueTime is { } due && due <= target && due > time.GetUtcNow() && scheduler.State == SchedulerState.Running)
        {
            // The clock's timers fire inside SetUtcNow, and the scheduler counts the wake-up before it returns, so the
            // wait below cannot miss what this step made due. A job due now that did not fire (paused, not started)
            // ends the loop rather than spinning on it.
            time.SetUtcNow(due);
            await scheduler.WhenIdleAsync(cancellationToken).ConfigureAwait(false);
        }

        if (target > time.GetUtcNow())
        {
            time.SetUtcNow(target);
        }

        await scheduler.WhenIdleAsync(cancellationToken).ConfigureAwait(false);
    }
}
