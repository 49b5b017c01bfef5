using System;

namespace GenScheduler;

/// <summary>A snapshot of one job in a scheduler: what it is and when it runs next.</summary>
public sealed class JobInfo
{
    private readonly bool _started;

    internal JobInfo(JobDefinition definition, DateTimeOffset? nextRunTime, bool isPaused, int runningInstances, bool started)
    {
        Definition = definition;
        NextRunTime = nextRunTime;
        IsPaused = isPaused;
        RunningInstances = runningInstances;
        _started = started;
    }

    /// <summary>The job's id.</summary>
    public string Id => Definition.Id;

    /// <summary>The job's definition: trigger, invoker and options.</summary>
    public JobDefinition Definition { get; }

    /// <summary>When the job runs next (UTC), or <see langword="null"/> when it is paused, will not run again, or the scheduler has not started.</summary>
    /// <remarks>With jitter, this is the jittered time the run will actually be due at.</remarks>
    public DateTimeOffset? NextRunTime { get; }

    /// <summary>Whether the job is paused: by <see cref="Scheduler.PauseJob"/>, or by the scheduler because its trigger failed.</summary>
    public bool IsPaused { get; }

    /// <summary>How many runs of the job were in flight when the snapshot was taken.</summary>
    public int RunningInstances { get; }

    /// <summary>The job as APScheduler prints it: <c>Jobs.Tick (trigger: interval[0:00:03], next run at: 2026-11-27 14:06:39 UTC)</c>.</summary>
    /// <returns>The job's description.</returns>
    public override string ToString() => JobDisplay.Text(Id, Definition.Trigger, IsPaused, NextRunTime, _started);
}
