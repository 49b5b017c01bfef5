using System;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// The cancellation a run with a <see cref="JobOptions.Timeout"/> sees: cancelled on shutdown or when the timeout,
/// measured on the scheduler's clock, runs out. Only jobs with a timeout pay for one.
/// </summary>
internal sealed class RunTimeout : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationTokenRegistration _report;

    public RunTimeout(Scheduler scheduler, ScheduledJob job, DateTimeOffset scheduledTime, TimeSpan timeout, TimeProvider time, CancellationToken stop)
    {
        _timer = new CancellationTokenSource(timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(stop, _timer.Token);
        _report = _timer.Token.UnsafeRegister(
            static state =>
            {
                var (scheduler, job, scheduledTime, timeout) = ((Scheduler, ScheduledJob, DateTimeOffset, TimeSpan))state!;
                scheduler.ReportTimedOut(job, scheduledTime, timeout);
            },
            (scheduler, job, scheduledTime, timeout));
    }

    public CancellationToken Token => _linked.Token;

    public void Dispose()
    {
        _report.Dispose();
        _linked.Dispose();
        _timer.Dispose();
    }
}
