using System;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// What a job knows about the run it is making. Declare a parameter of this type on a scheduled method
/// to receive it. It is a small struct, so passing it costs no allocation.
/// </summary>
public readonly struct JobContext
{
    /// <summary>Creates a context for one run of a job.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="scheduledTime">When the run was due.</param>
    /// <param name="actualStart">When the run started.</param>
    /// <param name="cancellationToken">Cancelled when the scheduler shuts down without waiting.</param>
    public JobContext(string jobId, DateTimeOffset scheduledTime, DateTimeOffset actualStart, CancellationToken cancellationToken)
        : this(jobId, scheduledTime, actualStart, 1, cancellationToken)
    {
    }

    /// <summary>Creates a context for one attempt at a run of a job.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="scheduledTime">When the run was due.</param>
    /// <param name="actualStart">When the run started.</param>
    /// <param name="attempt">1 for the first attempt; more when another node took the run over after its node died.</param>
    /// <param name="cancellationToken">Cancelled when the scheduler shuts down without waiting.</param>
    public JobContext(string jobId, DateTimeOffset scheduledTime, DateTimeOffset actualStart, int attempt, CancellationToken cancellationToken)
    {
        _attempt = attempt;
        JobId = jobId;
        ScheduledTime = scheduledTime;
        ActualStart = actualStart;
        CancellationToken = cancellationToken;
    }

    private readonly int _attempt;

    /// <summary>
    /// Which attempt at this run this is: 1, unless the run's first node died during it and the job runs at least once
    /// (<see cref="RunDelivery.AtLeastOnce"/>), in which case another node runs it again as attempt 2, and so on.
    /// </summary>
    public int Attempt => _attempt < 1 ? 1 : _attempt;

    /// <summary>The job's id, <c>Namespace.Type.Method</c> unless the attribute names it.</summary>
    public string JobId { get; }

    /// <summary>When this run was due (UTC).</summary>
    public DateTimeOffset ScheduledTime { get; }

    /// <summary>When this run actually started (UTC).</summary>
    public DateTimeOffset ActualStart { get; }

    /// <summary>How late the run started: <see cref="ActualStart"/> minus <see cref="ScheduledTime"/>.</summary>
    public TimeSpan Lateness => ActualStart - ScheduledTime;

    /// <summary>Cancelled when the scheduler shuts down without waiting for running jobs.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// The application's services, when the scheduler runs in a host (<see cref="SchedulerOptions.Services"/>); a job of a
    /// type constructed from DI gets its own scope from it per run (the generator writes that code). <see langword="null"/> otherwise.
    /// </summary>
    public IServiceProvider? Services { get; init; }
}
