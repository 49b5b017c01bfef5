using System;
using Microsoft.Extensions.Logging;

namespace GenScheduler;

/// <summary>
/// The scheduler's log lines, in APScheduler's words so that its users recognise them. Source-generated, so a
/// disabled level costs a check and nothing more. Only <see cref="SchedulerObserver"/> writes them, and it guards
/// every call: a logger that throws never reaches the scheduler.
/// </summary>
internal static partial class SchedulerLog
{
    [LoggerMessage(EventId = 1, EventName = "JobMissed", Level = LogLevel.Warning,
        Message = "Run time of job \"{Job}\" was missed by {Lateness}")]
    public static partial void RunMissed(ILogger logger, string job, string lateness);

    [LoggerMessage(EventId = 2, EventName = "JobMaxInstancesReached", Level = LogLevel.Warning,
        Message = "Execution of job \"{Job}\" skipped: maximum number of running instances reached ({MaxInstances})")]
    public static partial void MaxInstancesReached(ILogger logger, string job, int maxInstances);

    [LoggerMessage(EventId = 3, EventName = "JobError", Level = LogLevel.Error,
        Message = "Job \"{Job}\" raised an exception")]
    public static partial void JobFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(EventId = 4, EventName = "JobRunning", Level = LogLevel.Debug,
        Message = "Running job \"{Job}\" (scheduled at {ScheduledTime})")]
    public static partial void JobRunning(ILogger logger, string job, string scheduledTime);

    [LoggerMessage(EventId = 5, EventName = "JobExecuted", Level = LogLevel.Debug,
        Message = "Job \"{Job}\" executed successfully")]
    public static partial void JobExecuted(ILogger logger, string job);

    [LoggerMessage(EventId = 6, EventName = "SchedulerStarted", Level = LogLevel.Information,
        Message = "Scheduler started with {JobCount} jobs")]
    public static partial void Started(ILogger logger, int jobCount);

    [LoggerMessage(EventId = 7, EventName = "SchedulerShutdown", Level = LogLevel.Information,
        Message = "Scheduler has been shut down")]
    public static partial void ShutDown(ILogger logger);

    [LoggerMessage(EventId = 8, EventName = "JobAdded", Level = LogLevel.Information,
        Message = "Added job \"{Job}\" to job store \"default\"")]
    public static partial void JobAdded(ILogger logger, string job);

    [LoggerMessage(EventId = 9, EventName = "JobTimedOut", Level = LogLevel.Warning,
        Message = "Run of job \"{Job}\" exceeded its timeout of {Timeout}; its cancellation token was cancelled")]
    public static partial void TimedOut(ILogger logger, string job, string timeout);

    [LoggerMessage(EventId = 10, EventName = "ListenerError", Level = LogLevel.Error,
        Message = "Error notifying listener of {EventKind}")]
    public static partial void ListenerFailed(ILogger logger, SchedulerEventKind eventKind, Exception exception);

    [LoggerMessage(EventId = 11, EventName = "CancellationCallbackError", Level = LogLevel.Error,
        Message = "A job's cancellation callback threw during shutdown")]
    public static partial void CancellationCallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 12, EventName = "JobRemoved", Level = LogLevel.Information,
        Message = "Removed job {JobId}")]
    public static partial void JobRemoved(ILogger logger, string jobId);

    [LoggerMessage(EventId = 13, EventName = "JobCancelled", Level = LogLevel.Information,
        Message = "Run of job \"{Job}\" was cancelled after {Duration}")]
    public static partial void JobCancelled(ILogger logger, string job, string duration);

    [LoggerMessage(EventId = 14, EventName = "JobRunsMissed", Level = LogLevel.Warning,
        Message = "Run times of job \"{Job}\" were missed: {Count} runs from {First} to {Last}; the first was missed by {Lateness}")]
    public static partial void RunsMissed(ILogger logger, string job, string count, string first, string last, string lateness);

    [LoggerMessage(EventId = 15, EventName = "JobTriggerError", Level = LogLevel.Error,
        Message = "Job \"{JobId}\" is paused: {Reason}. Fix the trigger and reschedule or resume the job")]
    public static partial void TriggerFailed(ILogger logger, string jobId, string reason, Exception exception);

    [LoggerMessage(EventId = 16, EventName = "JobHasNoRunTime", Level = LogLevel.Warning,
        Message = "Job \"{Job}\" has no run time after {Now}, so it never runs and leaves the scheduler")]
    public static partial void NoRunTime(ILogger logger, string job, string now);

    [LoggerMessage(EventId = 17, EventName = "ClockSetBack", Level = LogLevel.Warning,
        Message = "The system clock was set back by {Step}: interval jobs keep to elapsed time; cron and date jobs follow the new clock")]
    public static partial void ClockSetBack(ILogger logger, string step);

    [LoggerMessage(EventId = 18, EventName = "FiringLoopError", Level = LogLevel.Error,
        Message = "The scheduler's firing loop hit an unexpected error and goes on")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 19, EventName = "ShutdownWaitExpired", Level = LogLevel.Warning,
        Message = "Shutdown waited {Timeout} for {Count} running jobs; their cancellation tokens are now cancelled: {Jobs}")]
    public static partial void ShutdownWaitExpired(ILogger logger, string timeout, int count, string jobs);

    [LoggerMessage(EventId = 20, EventName = "StoreError", Level = LogLevel.Error,
        Message = "Job store {Store} failed to {Action}; retrying in {Delay}. Jobs kept in memory only go on running")]
    public static partial void StoreFailed(ILogger logger, string store, string action, string delay, Exception exception);

    [LoggerMessage(EventId = 21, EventName = "StoreRecovered", Level = LogLevel.Information,
        Message = "Job store {Store} is reachable again, after {Failures} failed calls")]
    public static partial void StoreRecovered(ILogger logger, string store, int failures);

    [LoggerMessage(EventId = 22, EventName = "StoredJobUnknown", Level = LogLevel.Warning,
        Message = "Job store {Store} holds job \"{JobId}\", which this scheduler cannot run: {Reason}. The stored job is left as it is")]
    public static partial void StoredJobUnknown(ILogger logger, string store, string jobId, string reason);

    [LoggerMessage(EventId = 23, EventName = "JobNotStored", Level = LogLevel.Warning,
        Message = "Job \"{JobId}\" is kept in memory only, not in job store {Store}: {Reason}. It runs in this process and is gone after a restart")]
    public static partial void JobNotStored(ILogger logger, string jobId, string store, string reason);

    [LoggerMessage(EventId = 24, EventName = "ScheduleChangedInCode", Level = LogLevel.Information,
        Message = "The schedule of job \"{JobId}\" changed in code since job store {Store} saved it: the code wins and its next run is computed afresh")]
    public static partial void ScheduleChangedInCode(ILogger logger, string jobId, string store);

    [LoggerMessage(EventId = 25, EventName = "JobAbandoned", Level = LogLevel.Warning,
        Message = "Run of job \"{JobId}\" scheduled at {ScheduledTime} was abandoned: its node {Node} stopped during it, and the job runs at most once")]
    public static partial void RunAbandoned(ILogger logger, string jobId, string scheduledTime, string node);

    [LoggerMessage(EventId = 26, EventName = "JobTakenOver", Level = LogLevel.Warning,
        Message = "Run of job \"{JobId}\" scheduled at {ScheduledTime} is run again here as attempt {Attempt}: its node {Node} stopped during it, and the job runs at least once")]
    public static partial void RunTakenOver(ILogger logger, string jobId, string scheduledTime, int attempt, string node);

    [LoggerMessage(EventId = 27, EventName = "FiringThreadHeld", Level = LogLevel.Warning,
        Message = "Job \"{Job}\" held the scheduler's thread for more than {Period}; its runs go to the thread pool from now on, and a new thread carries on with the schedule")]
    public static partial void FiringThreadHeld(ILogger logger, string job, string period);
}
