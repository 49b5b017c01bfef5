using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GenScheduler.Tests;

/// <summary>Standard error is process-wide state, so these tests do not run beside others that could write to it.</summary>
[CollectionDefinition(nameof(StandardErrorCollection), DisableParallelization = true)]
public sealed class StandardErrorCollection;

/// <summary>With no logger configured, warnings and errors go to standard error, as Python's logging does by default.</summary>
[Collection(nameof(StandardErrorCollection))]
public class DefaultLoggingTests
{
    private static readonly TimeSpan Half = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Without_a_logger_a_failing_job_and_a_missed_run_are_written_to_standard_error()
    {
        var error = await CaptureStandardErrorAsync(logger: null);

        Assert.Contains("GenScheduler error: Job \"Jobs.Broken (trigger: interval[0:00:00.500000], next run at: 2026-11-27 14:00:01 UTC)\" raised an exception", error, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: broken", error, StringComparison.Ordinal);
        Assert.Contains("GenScheduler warning: Run time of job \"Jobs.Late (trigger: interval[0:00:03], next run at: 2026-11-27 14:00:06 UTC)\" was missed by 0:00:02", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Scheduler started", error, StringComparison.Ordinal); // information stays quiet
    }

    [Fact]
    public async Task Null_logger_silences_it()
    {
        var error = await CaptureStandardErrorAsync(NullLogger.Instance);

        Assert.Equal(string.Empty, error);
    }

    private static async Task<string> CaptureStandardErrorAsync(Microsoft.Extensions.Logging.ILogger? logger)
    {
        var original = Console.Error;
        using var capture = new StringWriter();
        Console.SetError(capture);
        try
        {
            var time = new FakeTimeProvider(FakeClockScheduler.T0);
            var runs = new RunRecorder();
            await using var scheduler = new Scheduler(
            [
                runs.Interval("Jobs.Broken", Half, body: _ => throw new InvalidOperationException("broken")),
                runs.Interval("Jobs.Late", TimeSpan.FromSeconds(3)),
            ], new SchedulerOptions { TimeProvider = time, Logger = logger });
            scheduler.Start();
            time.Advance(Half);
            await scheduler.WhenIdleAsync().Safely();
            time.Advance(TimeSpan.FromSeconds(4.5)); // Late was due at 3 s
            await scheduler.WhenIdleAsync().Safely();
            await scheduler.ShutdownAsync(wait: false);
        }
        finally
        {
            Console.SetError(original);
        }

        return capture.ToString();
    }
}
