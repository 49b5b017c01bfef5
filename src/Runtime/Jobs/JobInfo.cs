using System;

namespace GenScheduler;

/// <summary>A snapshot of one job in a scheduler: what it is and when it runs next.</summary>
public sealed class JobInfo
{
    internal JobInfo(JobDefinition definition, DateTimeOffset? nextRunTime, bool isPaused, int runningInstances, string display)
    {
        Definition = definition;
        NextRunTime = nextRunTime;
        IsPaused = isPaused;
        RunningInstances = runningInstances;
        _display = display;
    }

    private readonly string _display;

    /// <summary>The job's id.</summary>
    public string Id => Definition.Id;

    /// <summary>The job's definition: trigger, invoker and options.</summary>
    public JobDefinition Definition { get; }

    /// <summary>When the job runs next (UTC), or <see langword="null"/> when it will not run again or the scheduler has not started.</summary>
    /// <remarks>With jitter, this is the jittered time the run will actually be due at.</remarks>
    public DateTimeOffset? NextRunTime { get; }

    /// <summary>Whether the job is paused.</summary>
    public bool IsPaused { get; }

    /// <summary>How many runs of the job were in flight when the snapshot was taken.</summary>
    public int RunningInstances { get; }

    /// <summary>The job as APScheduler prints it: <c>Jobs.Tick (trigger: interval[0:00:03], next run at: 2026-11-27 14:06:39 UTC)</c>.</summary>
    /// <returns>The job's description.</returns>
    public override string ToString() => _display;
}
