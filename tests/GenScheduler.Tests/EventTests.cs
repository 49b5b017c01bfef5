using System;
using System.Linq;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

public class EventTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_run_raises_submitted_then_executed_with_its_duration()
    {
        var runs = new RunRecorder();
        FakeClockScheduler? s = null;
        await using (s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three, body: _ => s!.Time.Advance(TimeSpan.FromMilliseconds(250)))]))
        {
            s.Scheduler.Start();
            await s.AdvanceAsync(Three);
            await s.Scheduler.ShutdownAsync();
        }

        Assert.Equal(
            [SchedulerEventKind.SchedulerStarted, SchedulerEventKind.JobSubmitted, SchedulerEventKind.JobExecuted, SchedulerEventKind.SchedulerShutdown],
            s.Events.Select(e => e.Kind));
        var executed = s.EventsOf(SchedulerEventKind.JobExecuted).Single();
        Assert.Equal(("Jobs.Tick", s.At(3), TimeSpan.FromMilliseconds(250)), (executed.JobId, executed.ScheduledTime!.Value, executed.Duration!.Value));
    }

    [Fact]
    public async Task A_failing_run_raises_an_error_event_with_the_exception()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Broken", Three, body: _ => throw new InvalidOperationException("boom"))]);
        s.Scheduler.Start();

        await s.AdvanceAsync(Three);

        Assert.Equal("boom", s.EventsOf(SchedulerEventKind.JobError).Single().Exception!.Message);
    }

    [Fact]
    public async Task A_listener_that_throws_is_logged_and_disturbs_neither_the_scheduler_nor_other_listeners()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);
        s.Scheduler.EventRaised += (_, _) => throw new InvalidOperationException("bad listener");
        int seenAfter = 0;
        s.Scheduler.EventRaised += (_, e) => seenAfter++;
        s.Scheduler.Start();

        await s.AdvanceAsync(Three);
        await s.AdvanceAsync(Three);

        Assert.Equal(2, runs.Runs.Count);
        Assert.Equal(5, seenAfter); // started, and submitted + executed twice
        Assert.Contains(s.Log.Entries, e => e.Message == "Error notifying listener of JobSubmitted" && e.Exception!.Message == "bad listener");
    }

    [Fact]
    public async Task Kinds_are_flags_so_a_listener_can_filter_with_a_mask()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Jobs.Tick", Three)]);
        const SchedulerEventKind mask = SchedulerEventKind.JobExecuted | SchedulerEventKind.JobError;
        int matched = 0;
        s.Scheduler.EventRaised += (_, e) =>
        {
            if ((e.Kind & mask) != 0)
            {
                matched++;
            }
        };
        s.Scheduler.Start();

        await s.AdvanceAsync(Three);

        Assert.Equal(1, matched);
        Assert.True(SchedulerEventKind.AllJobEvents.HasFlag(SchedulerEventKind.JobMissed));
    }
}
