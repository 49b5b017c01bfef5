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

        // Judged again here, at the real start: a run that waited in the pool can miss its grace too.
        if ((start - _scheduledTime).Ticks > job.Grace)
        {
            _scheduler.ReportMissed(job, start - _scheduledTime);
            Finish(job);
            return;
        }

        _scheduler.ReportRunning(job, _scheduledTime);
        ValueTask pending;
        try
        {
            pending = job.Definition.Invoker(new JobContext(job.Id, _scheduledTime, start, _scheduler.StopToken));
        }
#pragma warning disable CA1031 // A job's failure must never stop the scheduler: it is logged, whatever it is.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _scheduler.ReportFailed(job, e);
            Finish(job);
            return;
        }

        if (pending.IsCompleted)
        {
            Observe(job, pending);
            return;
        }

        _ = AwaitAsync(job, pending);
    }

    private async Task AwaitAsync(ScheduledJob job, ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
            _scheduler.ReportExecuted(job);
        }
#pragma warning disable CA1031 // See Execute.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _scheduler.ReportFailed(job, e);
        }
        finally
        {
            Finish(job);
        }
    }

    private void Observe(ScheduledJob job, ValueTask completed)
    {
        try
        {
            completed.GetAwaiter().GetResult();
            _scheduler.ReportExecuted(job);
        }
#pragma warning disable CA1031 // See Execute.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _scheduler.ReportFailed(job, e);
        }
        finally
        {
            Finish(job);
        }
    }

    private void Finish(ScheduledJob job)
    {
        _job = null;
        _scheduler.RunFinished(job, this);
    }
}
