using System;

namespace GenScheduler;

/// <summary>Thrown when a scheduler that has been shut down is asked to start again or to change its jobs. A scheduler runs once; create a new one.</summary>
public sealed class SchedulerShutDownException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SchedulerShutDownException()
        : base("The scheduler has been shut down; a scheduler runs once. Create a new Scheduler.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public SchedulerShutDownException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public SchedulerShutDownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The state the scheduler was in, when known.</summary>
    public SchedulerState? State { get; init; }
}
