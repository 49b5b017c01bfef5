namespace GenScheduler;

/// <summary>Where a job's runs are made, as the scheduler has learnt by timing them (see <see cref="InlineRuns"/>).</summary>
internal enum RunPlace : byte
{
    /// <summary>Not known yet: the runs go to the thread pool, which times them; the first quick one moves the job to the firing thread.</summary>
    Undecided,

    /// <summary>Quick: the runs are made on the firing thread, with no hand-off. One that is not quick sends the job back to <see cref="Undecided"/>.</summary>
    FiringThread,

    /// <summary>On the thread pool for good: a run held the firing thread so long that a new thread took over the schedule.</summary>
    ThreadPool,
}
