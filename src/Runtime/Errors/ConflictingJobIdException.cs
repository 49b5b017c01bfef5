using System;

namespace GenScheduler;

/// <summary>Thrown when a job is added with an id another job already has (APScheduler's <c>ConflictingIdError</c>).</summary>
public sealed class ConflictingJobIdException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public ConflictingJobIdException()
        : base("Another job already has that id.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public ConflictingJobIdException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public ConflictingJobIdException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The id both jobs have, when known.</summary>
    public string? JobId { get; init; }
}
