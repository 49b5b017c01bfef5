using System;

namespace GenScheduler;

/// <summary>Thrown by <see cref="Scheduler.Start"/> on a scheduler that is already running or paused (APScheduler's <c>SchedulerAlreadyRunningError</c>).</summary>
public sealed class SchedulerAlreadyRunningException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SchedulerAlreadyRunningException()
        : base("The scheduler is already running; it was started once.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public SchedulerAlreadyRunningException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public SchedulerAlreadyRunningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The state the scheduler was in, when known.</summary>
    public SchedulerState? State { get; init; }
}
