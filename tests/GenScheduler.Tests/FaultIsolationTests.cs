using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GenScheduler.Tests;

/// <summary>A logger, a listener or a trigger that fails is that part's problem: the scheduler and every other job go on.</summary>
/// <remarks>A failing logger is reported once on standard error, so these run apart from the tests that read it.</remarks>
[Collection(nameof(StandardErrorCollection))]
public class FaultIsolationTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_logger_that_throws_at_every_level_never_stops_the_scheduler()
    {
        // Given the case: a LoggerFactory whose provider throws, so the logger throws an AggregateException
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(new ThrowingProvider()).SetMinimumLevel(LogLevel.Trace));
        var time = new FakeTimeProvider(FakeClockScheduler.T0);
        var runs = new RunRecorder();
        await using var scheduler = new Scheduler(
        [
            runs.Interval("Jobs.Broken", Three, body: _ => throw new InvalidOperationException("job failed")),
            runs.Interval("Jobs.Fine", Three),
        ], new SchedulerOptions { TimeProvider = time, Logger = factory.CreateLogger("GenScheduler") });

        // When jobs fail, runs are missed and runs succeed, each of which logs
        scheduler.Start();
        time.Advance(Three);
        await scheduler.WhenIdleAsync().Safely();
        time.Advance(TimeSpan.FromSeconds(5)); // 6 s missed by 2 s
        await scheduler.WhenIdleAsync().Safely();
        time.Advance(TimeSpan.FromSeconds(1));
        await scheduler.WhenIdleAsync().Safely();

        // Then every run happened and the scheduler still runs
        Assert.Equal(2, runs.ScheduledTimes("Jobs.Broken").Count());
        Assert.Equal([FakeClockScheduler.T0.AddSeconds(3), FakeClockScheduler.T0.AddSeconds(9)], runs.ScheduledTimes("Jobs.Fine"));
        Assert.Equal(SchedulerState.Running, scheduler.State);
    }

    [Fact]
    public async Task A_logger_whose_is_enabled_throws_is_ignored()
    {
        var time = new FakeTimeProvider(FakeClockScheduler.T0);
        var runs = new RunRecorder();
        await using var scheduler = new Scheduler([runs.Interval("Jobs.Broken", Three, body: _ => throw new InvalidOperationException("x"))],
            new SchedulerOptions { TimeProvider = time, Logger = new ThrowingLogger(throwOnIsEnabled: true) });
        scheduler.Start();

        time.Advance(Three);
        await scheduler.WhenIdleAsync().Safely();
        time.Advance(Three);
        await scheduler.WhenIdleAsync().Safely();

        Assert.Equal(2, runs.Runs.Count);
    }

    [Fact]
    public async Task A_trigger_that_throws_at_fire_time_pauses_its_job_only_and_is_reported()
    {
        // Given a custom trigger that throws when asked for the time after its first fire
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler(
        [
            new JobDefinition("Jobs.BadTrigger", new ThrowingTrigger(FakeClockScheduler.T0.AddSeconds(3)), runs.Invoker()),
            runs.Interval("Jobs.Fine", Three),
        ]);
        s.Scheduler.Start();

        // When it fires
        await s.AdvanceAsync(Three);
        await s.AdvanceAsync(Three);

        // Then it is paused with the cause, reported once as an error; the other job keeps its schedule
        Assert.Equal([s.At(3), s.At(6)], runs.ScheduledTimes("Jobs.Fine"));
        Assert.Empty(runs.ScheduledTimes("Jobs.BadTrigger"));
        var info = s.Scheduler.GetJob("Jobs.BadTrigger");
        Assert.True(info.IsPaused);
        var paused = Assert.Single(s.EventsOf(SchedulerEventKind.JobPaused));
        Assert.Equal("trigger bug", paused.Exception!.Message);
        Assert.Equal(
            "Job \"Jobs.BadTrigger\" is paused: its trigger throwing[] threw InvalidOperationException: trigger bug. Fix the trigger and reschedule or resume the job",
            Assert.Single(s.Log.Errors));
    }

    [Fact]
    public async Task A_trigger_that_does_not_move_forward_pauses_its_job_instead_of_holding_the_lock()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler(
        [
            new JobDefinition("Jobs.Stuck", new StuckTrigger(FakeClockScheduler.T0.AddSeconds(3)), runs.Invoker()),
            runs.Interval("Jobs.Fine", Three),
        ]);
        s.Scheduler.Start();

        await s.AdvanceAsync(Three);
        await s.AdvanceAsync(Three);

        Assert.Equal([s.At(3), s.At(6)], runs.ScheduledTimes("Jobs.Fine"));
        Assert.True(s.Scheduler.GetJob("Jobs.Stuck").IsPaused);
        Assert.Contains("a trigger must move forward", Assert.Single(s.Log.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_one_tick_interval_without_coalescing_neither_blocks_listing_nor_other_jobs()
    {
        // The case: IntervalTrigger(1 tick), Coalesce = false. A second is ten million due runs.
        var runs = new RunRecorder();
        var options = new JobOptions { Coalesce = false, MisfireGraceTime = null };
        await using var s = new FakeClockScheduler(
        [
            new JobDefinition("Jobs.Tiny", new IntervalTrigger(TimeSpan.FromTicks(1)), runs.Invoker(), options),
            runs.Interval("Jobs.Fine", Three),
        ], maxCatchUpRuns: 10);
        s.Scheduler.Start();

        await s.AdvanceAsync(Three);

        Assert.Equal([s.At(3)], runs.ScheduledTimes("Jobs.Fine"));
        Assert.Equal(10, runs.ScheduledTimes("Jobs.Tiny").Count());
        Assert.Equal(2, s.Scheduler.GetJobs().Count);
    }

    [Fact]
    public async Task A_trigger_whose_to_string_throws_is_listed_by_its_type_name()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([new JobDefinition("Jobs.Odd", new UnprintableTrigger(), runs.Invoker())]);
        s.Scheduler.Start();

        Assert.Equal("Jobs.Odd (trigger: UnprintableTrigger, next run at: 2026-11-27 14:00:03 UTC)", s.Scheduler.GetJobs()[0].ToString());
        await s.AdvanceAsync(Three);
        Assert.Single(runs.Runs);
    }

    private sealed class ThrowingTrigger(DateTimeOffset first) : JobTrigger
    {
        public override DateTimeOffset? GetNextFireTime(DateTimeOffset after, DateTimeOffset origin) =>
            after < first ? first : throw new InvalidOperationException("trigger bug");

        public override string ToString() => "throwing[]";
    }

    private sealed class StuckTrigger(DateTimeOffset first) : JobTrigger
    {
        public override DateTimeOffset? GetNextFireTime(DateTimeOffset after, DateTimeOffset origin) => first;

        public override string ToString() => "stuck[]";
    }

    private sealed class UnprintableTrigger : JobTrigger
    {
        public override DateTimeOffset? GetNextFireTime(DateTimeOffset after, DateTimeOffset origin) =>
            after < FakeClockScheduler.T0 ? FakeClockScheduler.T0.Add(Three)
            : FakeClockScheduler.T0.AddTicks((((after - FakeClockScheduler.T0).Ticks / Three.Ticks) + 1) * Three.Ticks);

        public override string ToString() => throw new InvalidOperationException("no words");
    }

    private sealed class ThrowingProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ThrowingLogger(throwOnIsEnabled: false);

        public void Dispose()
        {
        }
    }

    private sealed class ThrowingLogger(bool throwOnIsEnabled) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => throwOnIsEnabled ? throw new System.IO.IOException("disk full") : true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            throw new System.IO.IOException("disk full");
    }
}
