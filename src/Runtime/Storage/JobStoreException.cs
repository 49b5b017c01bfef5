using System;

namespace GenScheduler;

/// <summary>A job store could not do what was asked: unreachable, corrupt, or with a schema newer than this code. The message names the store and the cause.</summary>
public sealed class JobStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JobStoreException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, naming the store.</param>
    public JobStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, naming the store.</param>
    /// <param name="innerException">The cause.</param>
    public JobStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The store's <see cref="IJobStore.Name"/>.</summary>
    public string? Store { get; init; }
}
