using System;

namespace GenScheduler;

/// <summary>Thrown when an operation needs a started scheduler and this one has not been started yet (APScheduler's <c>SchedulerNotRunningError</c>): <see cref="Scheduler.Pause"/>, <see cref="Scheduler.Resume"/> and <see cref="Scheduler.RunNow"/> before <see cref="Scheduler.Start"/>.</summary>
public sealed class SchedulerNotRunningException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SchedulerNotRunningException()
        : base("The scheduler has not been started.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public SchedulerNotRunningException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public SchedulerNotRunningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The state the scheduler was in, when known.</summary>
    public SchedulerState? State { get; init; }
}
