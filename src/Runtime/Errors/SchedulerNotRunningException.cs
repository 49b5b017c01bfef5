using System;

namespace GenScheduler;

/// <summary>Thrown when an operation needs a running scheduler and this one is not running (APScheduler's <c>SchedulerNotRunningError</c>).</summary>
public sealed class SchedulerNotRunningException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SchedulerNotRunningException()
        : base("The scheduler is not running.")
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
}
