using System;

namespace GenScheduler;

/// <summary>
/// The options every schedule attribute shares. The source generator reads these at compile time and
/// writes them into the job table as literal values; nothing here is read by reflection at run time.
/// </summary>
/// <remarks>
/// When one method carries several schedule attributes the job fires at the earliest of their times,
/// and each job option (<see cref="Name"/>, <see cref="MisfireGraceSeconds"/>, <see cref="Coalesce"/>,
/// <see cref="MaxInstances"/>, <see cref="JitterSeconds"/>, <see cref="TimeoutSeconds"/>, <see cref="RunOnStart"/>, <see cref="Executor"/>)
/// is taken from the first attribute that sets it.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public abstract class ScheduleAttribute : Attribute
{
    /// <summary>
    /// The job id. When omitted the id is <c>Namespace.Type.Method</c>. Ids are stable across builds, so a
    /// persistent job store can find the job again after a restart.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// How late, in seconds, a run may start and still run. A run that starts later than this is skipped and
    /// logged as <c>Run time of job "…" was missed by …</c>. Defaults to 1 second, as in APScheduler;
    /// <see cref="double.PositiveInfinity"/> runs late runs however late they are.
    /// </summary>
    public double MisfireGraceSeconds { get; set; } = 1;

    /// <summary>
    /// Whether a backlog of due runs (after a pause, a sleep or a slow run) folds into a single run.
    /// Defaults to <see langword="true"/>.
    /// </summary>
    public bool Coalesce { get; set; } = true;

    /// <summary>
    /// How many runs of this job may be in flight at once. A run that comes due while that many are still
    /// running is skipped and logged. Defaults to 1.
    /// </summary>
    public int MaxInstances { get; set; } = 1;

    /// <summary>
    /// A random offset, in seconds, added to each run time: each run moves by up to this much either way around
    /// its scheduled time. Spreads the load of many processes that share a schedule. The offset is drawn afresh
    /// for every run and never carries over, so the schedule does not wander. Defaults to 0.
    /// </summary>
    public double JitterSeconds { get; set; }

    /// <summary>
    /// How long, in seconds, a run may take: after that its <see cref="System.Threading.CancellationToken"/> is
    /// cancelled and the overrun is reported. 0 (the default) means no limit.
    /// </summary>
    public double TimeoutSeconds { get; set; }

    /// <summary>Also run the job once as soon as the scheduler starts, then keep to the schedule. Defaults to <see langword="false"/>.</summary>
    public bool RunOnStart { get; set; }

    /// <summary>
    /// Where runs execute: <see cref="JobExecutor.ThreadPool"/> (the default), or <see cref="JobExecutor.DedicatedThread"/>
    /// for a job that blocks (synchronous I/O, long CPU work), so it never holds a thread-pool thread.
    /// </summary>
    public JobExecutor Executor { get; set; }
}
