using System;

namespace GenScheduler;

/// <summary>Thrown by <see cref="Scheduler.Start"/> on a scheduler that has already been started (APScheduler's <c>SchedulerAlreadyRunningError</c>).</summary>
public sealed class SchedulerAlreadyRunningException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SchedulerAlreadyRunningException()
        : base("The scheduler has already been started; a scheduler starts once. Create a new Scheduler to start again.")
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
}
