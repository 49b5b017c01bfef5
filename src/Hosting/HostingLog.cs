using System;
using Microsoft.Extensions.Logging;

namespace GenScheduler.Hosting;

/// <summary>
/// What the hosting layer logs, under the category <c>GenScheduler.Hosting</c> (the scheduler's own lines are under
/// <c>GenScheduler</c>). Event ids from 100, apart from the runtime's.
/// </summary>
internal static partial class HostingLog
{
    public const string Category = "GenScheduler.Hosting";

    [LoggerMessage(EventId = 100, EventName = "JobDisabled", Level = LogLevel.Information,
        Message = "Job {Job} is disabled and does not run")]
    public static partial void JobDisabled(ILogger logger, string job);

    [LoggerMessage(EventId = 101, EventName = "ServicesNotChecked", Level = LogLevel.Debug,
        Message = "The service provider cannot tell which services are registered (no IServiceProviderIsService): the services of jobs built from dependency injection are not checked at start")]
    public static partial void ServicesNotChecked(ILogger logger);

    [LoggerMessage(EventId = 102, EventName = "HostShutdownTimeout", Level = LogLevel.Warning,
        Message = "The host's shutdown timeout ended the wait for running jobs ({Jobs}): their cancellation tokens are cancelled")]
    public static partial void HostShutdownTimeout(ILogger logger, string jobs);

    [LoggerMessage(EventId = 103, EventName = "RunsOutlivedShutdown", Level = LogLevel.Warning,
        Message = "Jobs still running {Grace} after they were cancelled ({Jobs}); the host stops without waiting for them")]
    public static partial void RunsOutlivedShutdown(ILogger logger, TimeSpan grace, string jobs);

    [LoggerMessage(EventId = 104, EventName = "DisposedWhileRunning", Level = LogLevel.Warning,
        Message = "The host was disposed without being stopped while the scheduler ran: running jobs are cancelled")]
    public static partial void DisposedWhileRunning(ILogger logger);
}
