namespace GenScheduler;

/// <summary>Where a job's runs execute: APScheduler's executors, chosen per job with <see cref="JobOptions.Executor"/>.</summary>
public enum JobExecutor
{
    /// <summary>
    /// The .NET thread pool (the default). Right for async jobs, which hold no thread while they await, and for short
    /// synchronous ones.
    /// </summary>
    ThreadPool,

    /// <summary>
    /// The scheduler's own threads for jobs that block (synchronous I/O, <c>Thread.Sleep</c>, long CPU work): at most
    /// <see cref="SchedulerOptions.DedicatedThreads"/> of them, started as needed. Blocking jobs then never take the
    /// thread pool's threads from the rest of the application; when all are busy, runs wait in line and are judged
    /// against their grace time when they start.
    /// </summary>
    DedicatedThread,
}
