using System;

namespace GenScheduler;

/// <summary>What happened, for <see cref="Scheduler.EventRaised"/>. Flags, so a listener can test against a mask as with APScheduler's <c>EVENT_*</c> constants.</summary>
[Flags]
public enum SchedulerEventKind
{
    /// <summary>No event.</summary>
    None = 0,

    /// <summary>The scheduler started.</summary>
    SchedulerStarted = 1 << 0,

    /// <summary>The scheduler shut down.</summary>
    SchedulerShutdown = 1 << 1,

    /// <summary>The whole scheduler was paused.</summary>
    SchedulerPaused = 1 << 2,

    /// <summary>The whole scheduler was resumed.</summary>
    SchedulerResumed = 1 << 3,

    /// <summary>A job was added.</summary>
    JobAdded = 1 << 4,

    /// <summary>A job was removed, or finished its schedule and left.</summary>
    JobRemoved = 1 << 5,

    /// <summary>A job's trigger or options were changed.</summary>
    JobModified = 1 << 6,

    /// <summary>A job was paused: by <see cref="Scheduler.PauseJob"/>, or by the scheduler because its trigger threw or did not move forward (<see cref="SchedulerEventArgs.Exception"/> says why).</summary>
    JobPaused = 1 << 7,

    /// <summary>A job was resumed.</summary>
    JobResumed = 1 << 8,

    /// <summary>A run was handed to the executor; for a backlog made one run after another, once, with the first run's time.</summary>
    JobSubmitted = 1 << 9,

    /// <summary>A run finished; <see cref="SchedulerEventArgs.Duration"/> says how long it took.</summary>
    JobExecuted = 1 << 10,

    /// <summary>A run threw; <see cref="SchedulerEventArgs.Exception"/> says what.</summary>
    JobError = 1 << 11,

    /// <summary>A run was later than its grace time and was skipped; <see cref="SchedulerEventArgs.Lateness"/> says by how much.</summary>
    JobMissed = 1 << 12,

    /// <summary>A run was skipped because the job's maximum number of running instances was reached.</summary>
    JobMaxInstancesReached = 1 << 13,

    /// <summary>A run went past its timeout and its cancellation token was cancelled.</summary>
    JobTimedOut = 1 << 14,

    /// <summary>A run ended by cancellation after the scheduler cancelled its token (timeout or shutdown without waiting); not an error.</summary>
    JobCancelled = 1 << 15,

    /// <summary>A run's scheduler died during it (a shared job store saw it stop heartbeating) and the job runs at most once: the run is marked abandoned.</summary>
    JobAbandoned = 1 << 16,

    /// <summary>The job store holds a job this scheduler cannot run: its id is not in the table, or its target is unknown, or its row is unreadable. The row is left as it is.</summary>
    StoredJobUnknown = 1 << 17,

    /// <summary>The job store could not be reached; <see cref="SchedulerEventArgs.Exception"/> says why. The scheduler retries with a growing delay.</summary>
    StoreError = 1 << 18,

    /// <summary>Every job event.</summary>
    AllJobEvents = JobAdded | JobRemoved | JobModified | JobPaused | JobResumed | JobSubmitted | JobExecuted | JobError | JobMissed | JobMaxInstancesReached | JobTimedOut | JobCancelled | JobAbandoned | StoredJobUnknown,

    /// <summary>Every event.</summary>
    All = SchedulerStarted | SchedulerShutdown | SchedulerPaused | SchedulerResumed | AllJobEvents | StoreError,
}
