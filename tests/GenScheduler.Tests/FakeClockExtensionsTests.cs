using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace GenScheduler.Tests;

/// <summary>GenScheduler.Testing: a fake clock moved as time passes, and a wait for what the move started.</summary>
public class FakeClockExtensionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Advancing_stops_at_every_due_instant_so_each_run_starts_on_time()
    {
        // Given a 3 s job and a 5 s job
        var runs = new RunRecorder();
        var time = new FakeTimeProvider(T0);
        await using var scheduler = new Scheduler([runs.Interval("Jobs.Three", TimeSpan.FromSeconds(3)), runs.Interval("Jobs.Five", TimeSpan.FromSeconds(5))],
            new SchedulerOptions { TimeProvider = time, Logger = new TestLogger() });
        scheduler.Start();

        // When the clock is advanced 10 s in one call
        await scheduler.AdvanceAsync(time, TimeSpan.FromSeconds(10));

        // Then every run happened, each started at its own time, and the clock is at 10 s
        Assert.Equal([T0.AddSeconds(3), T0.AddSeconds(6), T0.AddSeconds(9)], runs.ScheduledTimes("Jobs.Three"));
        Assert.Equal([T0.AddSeconds(5), T0.AddSeconds(10)], runs.ScheduledTimes("Jobs.Five"));
        Assert.All(runs.Runs, r => Assert.Equal(r.Scheduled, r.Started));
        Assert.Equal(T0.AddSeconds(10), time.GetUtcNow());
    }

    [Fact]
    public async Task A_single_jump_of_the_clock_finds_the_runs_on_the_way_late_as_a_sleeping_process_would()
    {
        // What the extension is for: FakeTimeProvider.Advance alone jumps past the runs
        var runs = new RunRecorder();
        var time = new FakeTimeProvider(T0);
        var missed = 0;
        await using var scheduler = new Scheduler([runs.Interval("Jobs.Three", TimeSpan.FromSeconds(3))],
            new SchedulerOptions { TimeProvider = time, Logger = new TestLogger() });
        scheduler.EventRaised += (_, e) => missed += e.Kind == SchedulerEventKind.JobMissed ? 1 : 0;
        scheduler.Start();

        // The runs at 3, 6 and 9 s fold into the one at 9 s (coalescing), found 2 s late: past the 1 s grace
        time.Advance(TimeSpan.FromSeconds(11));
        await scheduler.WhenIdleAsync();

        Assert.Empty(runs.Runs);
        Assert.Equal(1, missed);
    }

    [Fact]
    public async Task On_a_paused_scheduler_the_clock_just_moves()
    {
        var runs = new RunRecorder();
        var time = new FakeTimeProvider(T0);
        await using var scheduler = new Scheduler([runs.Interval("Jobs.Three", TimeSpan.FromSeconds(3))],
            new SchedulerOptions { TimeProvider = time, Logger = new TestLogger() });
        scheduler.Start();
        scheduler.Pause();

        await scheduler.AdvanceAsync(time, TimeSpan.FromSeconds(10)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(runs.Runs);
        Assert.Equal(T0.AddSeconds(10), time.GetUtcNow());
    }

    [Fact]
    public async Task Advancing_waits_for_a_run_to_end_and_a_token_bounds_the_wait()
    {
        // Given a job whose run holds until the test lets it go
        var gate = new RunGate();
        var runs = new RunRecorder();
        var time = new FakeTimeProvider(T0);
        await using var scheduler = new Scheduler([runs.Interval("Jobs.Slow", TimeSpan.FromSeconds(3), body: gate.Hold)],
            new SchedulerOptions { TimeProvider = time, Logger = new TestLogger() });
        scheduler.Start();

        // When the clock is advanced past its run, with a token that is cancelled while the run holds
        using var cancel = new CancellationTokenSource();
        var advance = scheduler.AdvanceAsync(time, TimeSpan.FromSeconds(4), cancel.Token);
        await gate.Started();
        Assert.False(advance.IsCompleted);
        cancel.Cancel();

        // Then the wait is cancelled where the clock got to; once the run ends, the scheduler is idle
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => advance);
        Assert.Equal(T0.AddSeconds(3), time.GetUtcNow());
        gate.Release();
        await scheduler.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, scheduler.GetJob("Jobs.Slow").RunningInstances);
    }

    [Fact]
    public async Task A_negative_advance_is_refused_pointing_at_SetUtcNow()
    {
        var time = new FakeTimeProvider(T0);
        await using var scheduler = new Scheduler([], new SchedulerOptions { TimeProvider = time });

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => scheduler.AdvanceAsync(time, TimeSpan.FromSeconds(-1)));

        Assert.Contains("time.SetUtcNow", error.Message, StringComparison.Ordinal);
    }
}
