namespace GenScheduler;

/// <summary>Where a <see cref="Scheduler"/> is in its life.</summary>
public enum SchedulerState
{
    /// <summary>Created; jobs can be listed but nothing runs until <see cref="Scheduler.Start"/>.</summary>
    NotStarted,

    /// <summary>Jobs fire on schedule.</summary>
    Running,

    /// <summary>Paused as a whole: nothing fires until <see cref="Scheduler.Resume"/>, when runs that came due meanwhile go through the misfire rules.</summary>
    Paused,

    /// <summary>Shutdown has begun: no new runs start; running ones finish or are cancelled.</summary>
    ShuttingDown,

    /// <summary>Stopped for good. A scheduler is not restarted; create a new one.</summary>
    Stopped,
}
