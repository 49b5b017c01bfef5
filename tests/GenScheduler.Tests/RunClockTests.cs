using System;
using System.Diagnostics;
using System.Threading;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace GenScheduler.Tests;

/// <summary>
/// A thread making runs reads the clock once per run: a run's end is the next one's start when nobody heard of the
/// run, and a start's wall-clock time comes from the monotonic reading. What a listener does between two runs still
/// counts as neither run's time.
/// </summary>
public class RunClockTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    [Fact]
    public void With_the_system_clock_a_start_is_the_wall_clock_time_of_its_reading()
    {
        var clock = new RunClock(TimeProvider.System);

        var before = DateTimeOffset.UtcNow;
        var start = clock.ReadStart();
        var after = DateTimeOffset.UtcNow;

        // Within the two readings around it, give or take the clocks' granularity.
        Assert.InRange(start, before.AddMilliseconds(-1), after.AddMilliseconds(1));
        Assert.Equal(TimeSpan.Zero, start.Offset);
    }

    [Fact]
    public void With_the_system_clock_a_duration_is_the_stopwatch_s_elapsed_time()
    {
        var clock = new RunClock(TimeProvider.System);
        long from = clock.Read();
        Thread.SpinWait(10_000);
        long to = clock.Read();

        // Worked out in whole steps rather than TimeProvider's floating point: the same, to the tick.
        Assert.InRange((clock.Since(from) - Stopwatch.GetElapsedTime(from, to)).Duration(), TimeSpan.Zero, TimeSpan.FromTicks(1));
        Assert.True(clock.Since(from) > TimeSpan.Zero);
    }

    [Fact]
    public void A_start_after_a_reading_marked_as_the_next_start_reads_nothing()
    {
        var clock = ReadThenMoveOn(TimeSpan.FromSeconds(5), markAsNextStart: true, out long end);

        clock.ReadStart();

        Assert.Equal(end, clock.Stamp);
    }

    [Fact]
    public void Without_the_mark_a_start_reads_the_clock_and_a_test_clock_is_read_as_it_is()
    {
        var clock = ReadThenMoveOn(TimeSpan.FromSeconds(5), markAsNextStart: false, out long end);

        var start = clock.ReadStart();

        Assert.Equal(FakeClockScheduler.T0.AddSeconds(5), start);
        Assert.Equal(TimeSpan.FromSeconds(5), clock.Since(end));
    }

    [Fact]
    public async Task What_a_listener_takes_after_a_run_is_not_the_next_runs_duration()
    {
        // Given a backlog of two runs of a job that takes 1 s, made one after the other, and a listener that takes 5 s
        // after the first
        var options = new JobOptions { Coalesce = false, MisfireGraceTime = null };
        FakeClockScheduler? s = null;
        int heard = 0;
        await using (s = new FakeClockScheduler([new JobDefinition("Jobs.Tick", new IntervalTrigger(Three), _ =>
        {
            s!.Time.Advance(TimeSpan.FromSeconds(1));
            return default;
        }, options)]))
        {
            s.Scheduler.EventRaised += (_, e) =>
            {
                if (e.Kind == SchedulerEventKind.JobExecuted && ++heard == 1)
                {
                    s.Time.Advance(TimeSpan.FromSeconds(5));
                }
            };
            s.Scheduler.Start();

            // When both runs are due at once
            await s.AdvanceAsync(TimeSpan.FromSeconds(6.5));
            await s.Scheduler.ShutdownAsync();
        }

        // Then each run lasted its own second (the clock moved on in the meantime, so later runs were due too)
        var executed = s.EventsOf(SchedulerEventKind.JobExecuted).Take(2).ToList();
        Assert.Equal([s.At(3), s.At(6)], executed.Select(e => e.ScheduledTime!.Value));
        Assert.All(executed, e => Assert.Equal(TimeSpan.FromSeconds(1), e.Duration));
    }

    /// <summary>A clock on a fake time read once (<paramref name="end"/>), marked as the next start or not, then the time moved on.</summary>
    private static RunClock ReadThenMoveOn(TimeSpan by, bool markAsNextStart, out long end)
    {
        var time = new FakeTimeProvider(FakeClockScheduler.T0);
        var clock = new RunClock(time);
        end = clock.Read();
        if (markAsNextStart)
        {
            clock.StartNextAtLastReading();
        }

        time.Advance(by);
        return clock;
    }
}
