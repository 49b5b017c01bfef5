namespace GenScheduler;

/// <summary>Where a job's runs are made, as the scheduler has learnt by timing them (see <see cref="InlineRuns"/>).</summary>
internal enum RunPlace : byte
{
    /// <summary>Not known yet: the runs go to the thread pool, which times them; the first quick one moves the job to the firing thread.</summary>
    Undecided,

    /// <summary>Quick: the runs are made on the firing thread, with no hand-off. One that is not quick makes it <see cref="FiringThreadSlowOnce"/>.</summary>
    FiringThread,

    /// <summary>
    /// Quick, but its last run on the firing thread was not: the runs are still made there, and the next quick one makes
    /// it <see cref="FiringThread"/> again, the next slow one <see cref="Undecided"/>. One slow run alone is often not the
    /// job's: a thread preempted or interrupted on a busy machine, which would send a quick job to the pool for nothing.
    /// </summary>
    FiringThreadSlowOnce,

    /// <summary>On the thread pool for good: a run held the firing thread so long that a new thread took over the schedule.</summary>
    ThreadPool,
}
