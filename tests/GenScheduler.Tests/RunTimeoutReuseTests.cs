using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

/// <summary>
/// A run's timeout is armed again for each run of the pooled submission that makes it: the runs of one backlog share
/// one timer and, unless it was cancelled, one token source. One run's timer must never reach the next run.
/// </summary>
public class RunTimeoutReuseTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Five = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task The_timer_of_a_run_that_ended_just_in_time_does_not_cancel_the_next_run_of_its_backlog()
    {
        // Given a 3 s job with a 5 s timeout whose runs at 3 s and 6 s are one backlog, made from 6 s on
        var job = new HeldJob();
        await using var s = new FakeClockScheduler([job.Definition("Jobs.Reused", Three, Five)]);
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(6));
        await job.Started();

        // When the first run ends at 10.9 s, 0.1 s before its timeout, and the clock passes that timeout (11 s) during the second
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(4.9));
        job.Release();
        await job.Started();
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(1.1));

        // Then the second run goes on, until its own timeout at 15.9 s: 5 s after it started
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobTimedOut));
        Assert.False(job.Tokens.Last().IsCancellationRequested);
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(3.8));
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobTimedOut));
        await s.AdvanceAsync(TimeSpan.FromSeconds(0.1));

        var timedOut = Assert.Single(s.EventsOf(SchedulerEventKind.JobTimedOut));
        Assert.Equal(s.At(6), timedOut.ScheduledTime);
        Assert.Equal(Five, timedOut.Duration);
        Assert.Equal([s.At(3)], s.EventsOf(SchedulerEventKind.JobExecuted).Select(e => e.ScheduledTime));
        Assert.Equal([s.At(6)], s.EventsOf(SchedulerEventKind.JobCancelled).Select(e => e.ScheduledTime));
        Assert.Contains(s.Log.Warnings, w => w.StartsWith("Run of job \"Jobs.Reused", StringComparison.Ordinal) && w.EndsWith("exceeded its timeout of 0:00:05; its cancellation token was cancelled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_run_that_timed_out_the_next_run_of_its_backlog_gets_a_fresh_token_and_times_out_on_its_own()
    {
        // Given the same backlog, whose first run never ends by itself
        var job = new HeldJob();
        await using var s = new FakeClockScheduler([job.Definition("Jobs.Reused", Three, Five)]);
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(6));
        await job.Started();

        // When the first run times out at 11 s
        await s.AdvanceLoopAsync(Five);
        await job.Started();

        // Then the second run starts with a token of its own, not cancelled, and times out 5 s after it began
        Assert.Equal(2, job.Tokens.Count);
        Assert.True(job.Tokens.First().IsCancellationRequested);
        Assert.False(job.StartedCancelled.Last());
        Assert.NotEqual(job.Tokens.First(), job.Tokens.Last());
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(4.9));
        Assert.False(job.Tokens.Last().IsCancellationRequested);
        await s.AdvanceAsync(TimeSpan.FromSeconds(0.1));

        Assert.True(job.Tokens.Last().IsCancellationRequested);
        Assert.Equal([s.At(3), s.At(6)], s.EventsOf(SchedulerEventKind.JobTimedOut).Select(e => e.ScheduledTime));
        Assert.Equal([s.At(3), s.At(6)], s.EventsOf(SchedulerEventKind.JobCancelled).Select(e => e.ScheduledTime));
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobError));
    }

    [Fact]
    public async Task Runs_submitted_one_by_one_reuse_the_pooled_timeout_and_each_is_timed_from_its_own_start()
    {
        // Given a 10 s job with a 5 s timeout, whose runs end in 4 s, 4.9 s and then not at all
        var job = new HeldJob();
        await using var s = new FakeClockScheduler([job.Definition("Jobs.Reused", TimeSpan.FromSeconds(10), Five)]);
        s.Scheduler.Start();

        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(10));
        await job.Started();
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(4));
        job.Release();
        await s.Settle();

        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(6));
        await job.Started();
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(4.9));
        job.Release();
        await s.Settle();

        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(5.1));
        await job.Started();
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(4.9));
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobTimedOut));
        await s.AdvanceAsync(TimeSpan.FromSeconds(0.1));

        // Then only the third timed out, at 35 s
        Assert.Equal([s.At(10), s.At(20)], s.EventsOf(SchedulerEventKind.JobExecuted).Select(e => e.ScheduledTime));
        Assert.Equal([s.At(30)], s.EventsOf(SchedulerEventKind.JobTimedOut).Select(e => e.ScheduledTime));
        Assert.Equal([s.At(30)], s.EventsOf(SchedulerEventKind.JobCancelled).Select(e => e.ScheduledTime));
    }

    [Fact]
    public async Task A_run_that_starts_while_the_timer_of_an_earlier_run_is_still_due_times_out_from_its_own_start()
    {
        // Given a 2 s job with a 5 s timeout whose run at 2 s ends at once, leaving its timer due at 7 s
        var job = new HeldJob();
        await using var s = new FakeClockScheduler([job.Definition("Jobs.Kept", TimeSpan.FromSeconds(2), Five)]);
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(2));
        await job.Started();
        job.Release();
        await s.Settle();

        // When the run at 4 s does not end, and the clock passes 7 s
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(2));
        await job.Started();
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(4.9));

        // Then it goes on until 9 s, 5 s after it started, and times out then
        Assert.Empty(s.EventsOf(SchedulerEventKind.JobTimedOut));
        Assert.False(job.Tokens.Last().IsCancellationRequested);
        await s.AdvanceAsync(TimeSpan.FromSeconds(0.1));

        var timedOut = Assert.Single(s.EventsOf(SchedulerEventKind.JobTimedOut));
        Assert.Equal(s.At(4), timedOut.ScheduledTime);
        Assert.True(job.Tokens.Last().IsCancellationRequested);
        Assert.Equal([s.At(2)], s.EventsOf(SchedulerEventKind.JobExecuted).Select(e => e.ScheduledTime));
    }

    [Fact]
    public async Task A_timeout_that_fires_as_its_run_ends_is_never_passed_on_to_the_next_run()
    {
        // Given the backlog, and a listener that holds the timer thread between its report and its cancel while the
        // first run ends and the second begins: the moment a timer fires just as its run is ending
        var job = new HeldJob();
        await using var s = new FakeClockScheduler([job.Definition("Jobs.Reused", Three, Five)]);
        s.Scheduler.EventRaised += (_, e) =>
        {
            if (e.Kind == SchedulerEventKind.JobTimedOut && e.ScheduledTime == s.At(3))
            {
                job.Release();
                job.WaitStarted();
            }
        };
        s.Scheduler.Start();
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(6));
        await job.Started();

        // When the first run's timeout fires at 11 s
        await s.AdvanceLoopAsync(Five);

        // Then the token it cancels is the first run's only: the second run goes on, until its own timeout at 16 s
        Assert.True(job.Tokens.First().IsCancellationRequested);
        Assert.False(job.Tokens.Last().IsCancellationRequested);
        await s.AdvanceLoopAsync(TimeSpan.FromSeconds(4.9));
        Assert.False(job.Tokens.Last().IsCancellationRequested);
        await s.AdvanceAsync(TimeSpan.FromSeconds(0.1));

        Assert.Equal([s.At(3), s.At(6)], s.EventsOf(SchedulerEventKind.JobTimedOut).Select(e => e.ScheduledTime));
        Assert.Equal([s.At(3)], s.EventsOf(SchedulerEventKind.JobExecuted).Select(e => e.ScheduledTime));
        Assert.Equal([s.At(6)], s.EventsOf(SchedulerEventKind.JobCancelled).Select(e => e.ScheduledTime));
    }

    /// <summary>A job whose runs wait for the test to release them, or for their token; it records the token each run saw.</summary>
    private sealed class HeldJob
    {
        private readonly SemaphoreSlim _started = new(0);
        private readonly SemaphoreSlim _release = new(0);

        public ConcurrentQueue<CancellationToken> Tokens { get; } = new();

        public ConcurrentQueue<bool> StartedCancelled { get; } = new();

        public JobDefinition Definition(string id, TimeSpan interval, TimeSpan timeout) =>
            new(id, new IntervalTrigger(interval), RunAsync, new JobOptions { Timeout = timeout, Coalesce = false, MisfireGraceTime = null });

        public Task Started() => _started.WaitSafely();

        /// <summary>Waits on the calling thread, for a listener that must hold the thread raising the event.</summary>
        public void WaitStarted() => Assert.True(_started.Wait(TimeSpan.FromSeconds(30)));

        public void Release() => _release.Release();

        private async ValueTask RunAsync(JobContext context)
        {
            Tokens.Enqueue(context.CancellationToken);
            StartedCancelled.Enqueue(context.CancellationToken.IsCancellationRequested);
            _started.Release();
            await _release.WaitAsync(context.CancellationToken);
        }
    }
}
