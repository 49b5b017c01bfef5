using System;
using System.Collections.Generic;

namespace GenScheduler;

/// <summary>Thrown when no job has the id asked for (APScheduler's <c>JobLookupError</c>).</summary>
public sealed class JobNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception.</summary>
    public JobNotFoundException()
        : base("No job has that id.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public JobNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public JobNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The id that was not found, when known.</summary>
    public string? JobId { get; init; }
}
