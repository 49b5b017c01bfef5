using System;
using Microsoft.Extensions.Logging;

namespace GenScheduler;

/// <summary>
/// The logger a scheduler uses when it is given none: warnings and errors to standard error, as Python's logging does
/// when nothing is configured, so that a failing job or a missed run is never silent. Pass
/// <c>NullLogger.Instance</c> as <see cref="SchedulerOptions.Logger"/> to silence it.
/// </summary>
internal sealed class StandardErrorLogger : ILogger
{
    /// <summary>The lowest level written; every level below it is off, always.</summary>
    public const LogLevel Lowest = LogLevel.Warning;

    public static StandardErrorLogger Instance { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel is >= Lowest and < LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        string level = logLevel == LogLevel.Warning ? "warning" : logLevel == LogLevel.Error ? "error" : "critical";
        string line = $"GenScheduler {level}: {formatter(state, exception)}";

        // Read at every write, so an app that redirects standard error (Console.SetError) is followed.
        var error = Console.Error;
        error.WriteLine(exception is null ? line : line + Environment.NewLine + exception);
    }
}
