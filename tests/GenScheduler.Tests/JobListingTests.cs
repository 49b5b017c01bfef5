using System;
using System.Linq;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

/// <summary>GetJobs and Describe list as APScheduler's get_jobs() and print_jobs(): by next run time, jobs without one last.</summary>
public class JobListingTests
{
    [Fact]
    public async Task Jobs_are_listed_by_next_run_time_with_paused_jobs_last()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler(
        [
            runs.Interval("A.Hourly", TimeSpan.FromHours(1)),
            runs.Interval("B.Paused", TimeSpan.FromSeconds(1)),
            runs.Interval("C.Minutely", TimeSpan.FromMinutes(1)),
            runs.Interval("D.Secondly", TimeSpan.FromSeconds(1)),
            runs.Interval("E.AlsoPaused", TimeSpan.FromSeconds(1)),
        ]);
        s.Scheduler.Start();
        s.Scheduler.PauseJob("E.AlsoPaused");
        s.Scheduler.PauseJob("B.Paused");

        Assert.Equal(["D.Secondly", "C.Minutely", "A.Hourly", "B.Paused", "E.AlsoPaused"], s.Scheduler.GetJobs().Select(j => j.Id));
        Assert.Equal(
            """
            Jobstore default:
                D.Secondly (trigger: interval[0:00:01], next run at: 2026-11-27 14:00:01 UTC)
                C.Minutely (trigger: interval[0:01:00], next run at: 2026-11-27 14:01:00 UTC)
                A.Hourly (trigger: interval[1:00:00], next run at: 2026-11-27 15:00:00 UTC)
                B.Paused (trigger: interval[0:00:01], paused)
                E.AlsoPaused (trigger: interval[0:00:01], paused)

            """.ReplaceLineEndings("\n"),
            s.Scheduler.Describe().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Before_the_start_every_job_is_pending_and_listed_by_id()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("B.Second", TimeSpan.FromSeconds(1)), runs.Interval("A.First", TimeSpan.FromHours(1))]);

        Assert.Equal(["A.First", "B.Second"], s.Scheduler.GetJobs().Select(j => j.Id));
        Assert.Equal("A.First (trigger: interval[1:00:00], pending)", s.Scheduler.GetJobs()[0].ToString());
    }

    [Fact]
    public async Task Ties_on_the_next_run_time_are_listed_by_id()
    {
        var runs = new RunRecorder();
        await using var s = new FakeClockScheduler([runs.Interval("Z.Last", TimeSpan.FromSeconds(5)), runs.Interval("A.First", TimeSpan.FromSeconds(5))]);
        s.Scheduler.Start();

        Assert.Equal(["A.First", "Z.Last"], s.Scheduler.GetJobs().Select(j => j.Id));
    }

    [Fact]
    public async Task NextDueTime_is_the_earliest_due_instant_and_none_before_start_or_when_nothing_is_scheduled()
    {
        var recorder = new RunRecorder();
        await using var s = new FakeClockScheduler([recorder.Interval("Jobs.Slow", TimeSpan.FromMinutes(5)), recorder.Interval("Jobs.Fast", TimeSpan.FromSeconds(3))]);
        Assert.Null(s.Scheduler.NextDueTime);

        s.Scheduler.Start();
        Assert.Equal(s.At(3), s.Scheduler.NextDueTime);

        s.Scheduler.PauseJob("Jobs.Fast");
        Assert.Equal(s.At(300), s.Scheduler.NextDueTime);
        s.Scheduler.PauseJob("Jobs.Slow");
        Assert.Null(s.Scheduler.NextDueTime);
    }
}
