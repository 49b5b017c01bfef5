using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GenScheduler.Tests;

/// <summary>
/// The scheduler does not ask its own loggers about levels they never write; a logger of the user's is asked at every
/// run, because its levels may be changed while it runs (configuration reloaded, a debug switch).
/// </summary>
public class LoggerLevelTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_level_turned_on_while_the_scheduler_runs_is_written_from_the_next_run()
    {
        // Given a logger of the user's that writes warnings only, and a job every 3 s
        var time = new FakeTimeProvider(FakeClockScheduler.T0);
        var logger = new SwitchableLogger { Lowest = LogLevel.Warning };
        var runs = new RunRecorder();
        await using var scheduler = new Scheduler([runs.Interval("Jobs.Tick", Three)], new SchedulerOptions { TimeProvider = time, Logger = logger });
        scheduler.Start();
        time.Advance(Three);
        await scheduler.WhenIdleAsync().Safely();
        Assert.DoesNotContain(logger.Entries, e => e.Level == LogLevel.Debug);

        // When its level is lowered to Debug between two runs
        logger.Lowest = LogLevel.Debug;
        time.Advance(Three);
        await scheduler.WhenIdleAsync().Safely();

        // Then the second run is written at Debug: started and executed
        Assert.Equal(2, runs.Runs.Count);
        var debug = logger.Entries.Where(e => e.Level == LogLevel.Debug).Select(e => e.Message).ToList();
        var running = Assert.Single(debug, m => m.StartsWith("Running job \"Jobs.Tick", StringComparison.Ordinal));
        Assert.EndsWith("(scheduled at 2026-11-27 14:00:06 UTC)", running, StringComparison.Ordinal);
        Assert.Single(debug, m => m.StartsWith("Job \"Jobs.Tick", StringComparison.Ordinal) && m.EndsWith("executed successfully", StringComparison.Ordinal));
        await scheduler.ShutdownAsync(wait: false);
    }

    /// <summary>A logger whose lowest level written can be changed at any time, as a configured one's can.</summary>
    private sealed class SwitchableLogger : ILogger
    {
        private volatile int _lowest;

        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public LogLevel Lowest
        {
            get => (LogLevel)_lowest;
            set => _lowest = (int)value;
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= Lowest && logLevel < LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Entries.Enqueue((logLevel, formatter(state, exception)));
            }
        }
    }
}
