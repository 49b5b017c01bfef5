using System;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler;

/// <summary>
/// One run of a job, queued to the thread pool. Runs are pooled by the scheduler and reused, so a synchronous
/// job costs no allocation per fire.
/// </summary>
internal sealed class JobRun : IThreadPoolWorkItem
{
    private readonly Scheduler _scheduler;
    private ScheduledJob? _job;
    private DateTimeOffset _scheduledTime;
    private long _startStamp;
    private CancellationToken _token;
    private RunTimeout? _timeout;

    public JobRun(Scheduler scheduler) => _scheduler = scheduler;

    public void Prepare(ScheduledJob job, DateTimeOffset scheduledTime)
    {
        _job = job;
        _scheduledTime = scheduledTime;
    }

    public void Execute()
    {
        var job = _job!;
        var start = _scheduler.Now;

        // Judged again here, at the real start: a run that waited in line or in the pool can miss its grace too.
        if ((start - _scheduledTime).Ticks > job.Grace)
        {
            _scheduler.ReportMissed(job, _scheduledTime, start - _scheduledTime);
            Finish(job);
            return;
        }

        _scheduler.ReportRunning(job, _scheduledTime);
        var token = _scheduler.StopToken;
        if (job.Timeout is { } timeout)
        {
            _timeout = new RunTimeout(_scheduler, job, _scheduledTime, timeout, _scheduler.Time, token);
            token = _timeout.Token;
        }

        _token = token;
        _startStamp = _scheduler.Time.GetTimestamp();
        ValueTask pending;
        try
        {
            pending = job.Invoker(new JobContext(job.Id, _scheduledTime, start, token));
        }
#pragma warning disable CA1031 // A job's failure must never stop the scheduler: it is logged, whatever it is.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Complete(job, e);
            return;
        }

        if (pending.IsCompleted)
        {
            Complete(job, Observe(pending));
            return;
        }

        _ = AwaitAsync(job, pending);
    }

    private async Task AwaitAsync(ScheduledJob job, ValueTask pending)
    {
        Exception? error = null;
        try
        {
            await pending.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // See Execute.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e;
        }

        Complete(job, error);
    }

    private static Exception? Observe(ValueTask completed)
    {
        try
        {
            completed.GetAwaiter().GetResult();
            return null;
        }
#pragma warning disable CA1031 // See Execute.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
    }

    private void Complete(ScheduledJob job, Exception? error)
    {
        _timeout?.Dispose();
        _timeout = null;
        var duration = _scheduler.Time.GetElapsedTime(_startStamp);

        // A job that stops because we cancelled it (timeout or shutdown) did what was asked: that is not a failure.
        if (error is OperationCanceledException && _token.IsCancellationRequested)
        {
            _scheduler.ReportCancelled(job, _scheduledTime, duration);
        }
        else
        {
            _scheduler.ReportCompleted(job, _scheduledTime, duration, error);
        }

        _token = default;
        Finish(job);
    }

    private void Finish(ScheduledJob job)
    {
        _job = null;
        _scheduler.RunFinished(job, this);
    }
}
