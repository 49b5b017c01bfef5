using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

/// <summary>
/// A waiting shutdown waits for running jobs up to SchedulerOptions.ShutdownTimeout (on the scheduler's clock), then
/// cancels their tokens; a second stop request cancels at once. So DisposeAsync always completes for a job that
/// honours its token.
/// </summary>
public class ShutdownTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_waiting_shutdown_waits_up_to_its_timeout_then_cancels_the_running_jobs()
    {
        // Given a job that waits on its token for ever, and a 10 s shutdown timeout
        var started = new SemaphoreSlim(0);
        await using var s = new FakeClockScheduler([WaitsForItsToken("Jobs.Waits", started)], shutdownTimeout: TimeSpan.FromSeconds(10));
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(Three);
        await started.WaitSafely();

        // When a waiting shutdown has waited 9.9 s, and then 10 s
        var shutdown = s.Scheduler.ShutdownAsync(wait: true);
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(9.9));
        Assert.False(shutdown.IsCompleted);
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobCancelled));
        s.Time.Advance(TimeSpan.FromSeconds(0.1));
        await shutdown.Safely();

        // Then the job's token was cancelled, which is not an error, and the wait is reported
        Assert.Equal(SchedulerState.Stopped, s.Scheduler.State);
        Assert.Single(s.EventsOf(SchedulerEventKind.JobCancelled));
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobError));
        Assert.Contains("Shutdown waited 0:00:10 for 1 running jobs; their cancellation tokens are now cancelled: Jobs.Waits", s.Log.Warnings);
    }

    [Fact]
    public async Task A_job_that_finishes_within_the_timeout_is_not_cancelled()
    {
        var gate = new RunGate();
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Slow", Three, body: gate.Hold)], shutdownTimeout: TimeSpan.FromSeconds(10));
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(Three);
        await gate.Started();

        var shutdown = s.Scheduler.ShutdownAsync(wait: true);
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(5));
        gate.Release();
        await shutdown.Safely();

        Assert.Single(s.EventsOf(SchedulerEventKind.JobExecuted));
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobCancelled));
        Assert.Empty(s.Log.Warnings);
    }

    [Fact]
    public async Task A_second_stop_request_cancels_the_running_jobs_at_once()
    {
        var started = new SemaphoreSlim(0);
        await using var s = new FakeClockScheduler([WaitsForItsToken("Jobs.Waits", started)], shutdownTimeout: Timeout.InfiniteTimeSpan);
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(Three);
        await started.WaitSafely();

        var waiting = s.Scheduler.ShutdownAsync(wait: true);
        Assert.False(waiting.IsCompleted);
        var second = s.Scheduler.ShutdownAsync(wait: false);

        Assert.True(second.IsCompleted);
        await waiting.Safely();
        Assert.Single(s.EventsOf(SchedulerEventKind.JobCancelled));
    }

    [Fact]
    public async Task A_stop_cancels_a_running_job_that_has_a_timeout_as_a_cancellation_not_a_timeout()
    {
        // Given a job with a 60 s timeout that waits on its token, after an earlier run of it that ended at once
        var started = new SemaphoreSlim(0);
        int runs = 0;
        var options = new JobOptions { Timeout = TimeSpan.FromSeconds(60) };
        await using var s = new FakeClockScheduler([new JobDefinition("Jobs.Timed", new IntervalTrigger(Three), async context =>
        {
            started.Release();
            if (Interlocked.Increment(ref runs) > 1)
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
        }, options)]);
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(Three);
        await started.WaitSafely();
        await s.Settle();
        await s.AdvanceLoopAsync(Three);
        await started.WaitSafely();

        // When the scheduler stops without waiting, long before the timeout
        await s.Scheduler.ShutdownAsync(wait: false).Safely();
        await s.Settle();

        // Then the run was cancelled by the stop: a cancellation, and no timeout
        Assert.Equal([s.At(6)], s.EventsOf(SchedulerEventKind.JobCancelled).Select(e => e.ScheduledTime));
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobTimedOut));
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobError));
    }

    [Fact]
    public async Task Dispose_completes_for_a_job_that_waits_on_its_token_and_a_later_shutdown_is_silent()
    {
        // DisposeAsync waits like ShutdownAsync(wait: true): bounded, then it cancels.
        var started = new SemaphoreSlim(0);
        var s = new FakeClockScheduler([WaitsForItsToken("Jobs.Waits", started)], shutdownTimeout: TimeSpan.FromSeconds(1));
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(Three);
        await started.WaitSafely();

        var dispose = s.Scheduler.DisposeAsync().AsTask();
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(1));
        await dispose.Safely();
        await s.Scheduler.ShutdownAsync(wait: false);

        Assert.Equal(SchedulerState.Stopped, s.Scheduler.State);
        Assert.Empty(s.Log.Errors);
    }

    [Fact]
    public async Task Run_async_stops_on_its_token_and_waits_for_the_running_job()
    {
        var gate = new RunGate();
        var runs = new RunRecorder();
        using var stop = new CancellationTokenSource();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Slow", Three, body: gate.Hold)]);
        var running = s.Scheduler.RunAsync(stop.Token);
        await s.AdvanceLoopAsync(Three);
        await gate.Started();

        await stop.CancelAsync();
        Assert.False(running.IsCompleted);
        gate.Release();
        await running.Safely();

        Assert.Equal(SchedulerState.Stopped, s.Scheduler.State);
        Assert.Single(s.EventsOf(SchedulerEventKind.JobExecuted));
    }

    private static JobDefinition WaitsForItsToken(string id, SemaphoreSlim started) =>
        new(id, new IntervalTrigger(Three), async context =>
        {
            started.Release();
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        });
}
