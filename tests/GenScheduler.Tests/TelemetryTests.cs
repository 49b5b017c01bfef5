using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace GenScheduler.Tests;

/// <summary>
/// The meter <c>GenScheduler</c> and the activity source <c>GenScheduler</c>, observed through
/// Microsoft.Extensions.Diagnostics.Testing's <see cref="MetricCollector{T}"/> and an <see cref="ActivityListener"/>.
/// </summary>
[Collection(TelemetryCollection.Name)]
public class TelemetryTests
{
    [Fact]
    public async Task Runs_are_counted_by_outcome_with_their_duration_and_lateness_tagged_with_the_job_id()
    {
        var recorder = new RunRecorder();
        var meters = new ScopedMeterFactory();
        await using var s = new FakeClockScheduler(
        [
            recorder.Interval("Jobs.Good", TimeSpan.FromSeconds(1)),
            new JobDefinition("Jobs.Bad", new IntervalTrigger(TimeSpan.FromSeconds(1)), _ => throw new InvalidOperationException("boom")),
        ], meterFactory: meters);
        using var runs = meters.Collect<long>("genscheduler.job.runs");
        using var duration = meters.Collect<double>("genscheduler.job.run.duration");
        using var lateness = meters.Collect<double>("genscheduler.job.start.lateness");
        using var active = meters.Collect<long>("genscheduler.job.runs.active");
        s.Scheduler.Start();

        await s.AdvanceAsync(TimeSpan.FromSeconds(1));
        await s.AdvanceAsync(TimeSpan.FromSeconds(1));

        var counted = runs.GetMeasurementSnapshot();
        Assert.Equal(2, counted.Count(m => Tag(m, "job.id") == "Jobs.Good" && Tag(m, "job.outcome") == "succeeded"));
        Assert.Equal(2, counted.Count(m => Tag(m, "job.id") == "Jobs.Bad" && Tag(m, "job.outcome") == "failed"));
        Assert.Equal(4, duration.GetMeasurementSnapshot().Count);
        Assert.All(lateness.GetMeasurementSnapshot(), m => Assert.Equal(0, m.Value));
        Assert.Equal(0, active.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(8, active.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task Misfires_and_max_instance_skips_are_counted_even_with_no_logger_and_no_listener()
    {
        var gate = new RunGate();
        var recorder = new RunRecorder();
        var held = recorder.Interval("Jobs.Held", TimeSpan.FromSeconds(1), body: gate.Hold);
        var late = recorder.Interval("Jobs.Late", TimeSpan.FromSeconds(10), new JobOptions { MisfireGraceTime = TimeSpan.FromSeconds(1) });
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FakeClockScheduler.T0);
        var meters = new ScopedMeterFactory();
        await using var scheduler = new Scheduler([held, late], new SchedulerOptions
        {
            TimeProvider = time,
            Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            MeterFactory = meters,
        });
        using var misfires = meters.Collect<long>("genscheduler.job.misfires");
        using var skips = meters.Collect<long>("genscheduler.job.max_instances.skips");
        scheduler.Start();

        time.Advance(TimeSpan.FromSeconds(1));
        await gate.Started();
        time.Advance(TimeSpan.FromSeconds(1));
        await scheduler.WhenFiringLoopIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        // Held up past Jobs.Late's grace: the loop wakes at 25 s for both.
        time.Advance(TimeSpan.FromSeconds(23));
        await scheduler.WhenFiringLoopIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        gate.Release();
        await scheduler.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(skips.GetMeasurementSnapshot(), m => Tag(m, "job.id") == "Jobs.Held");
        Assert.Contains(misfires.GetMeasurementSnapshot(), m => Tag(m, "job.id") == "Jobs.Late");
    }

    [Fact]
    public async Task The_jobs_scheduled_gauge_is_the_schedulers_own_count()
    {
        var recorder = new RunRecorder();
        var factory = new ScopedMeterFactory();
        await using var s = new FakeClockScheduler([recorder.Interval("Jobs.A", TimeSpan.FromSeconds(1)), recorder.Interval("Jobs.B", TimeSpan.FromSeconds(1))], meterFactory: factory);
        using var meters = new MeterListener();
        var seen = new ConcurrentBag<int>();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == "genscheduler.jobs.scheduled")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<int>((_, value, _, _) => seen.Add(value));
        meters.Start();

        meters.RecordObservableInstruments();

        Assert.Contains(2, seen);
    }

    [Fact]
    public async Task A_run_is_a_span_with_the_job_its_time_attempt_and_outcome_current_while_the_job_runs()
    {
        var spans = new ConcurrentQueue<Activity>();
        Activity? inside = null;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "GenScheduler",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var s = new FakeClockScheduler(
        [
            new JobDefinition("Jobs.Traced", new IntervalTrigger(TimeSpan.FromSeconds(1)), _ =>
            {
                inside = Activity.Current;
                return default;
            }),
            new JobDefinition("Jobs.Throws", new IntervalTrigger(TimeSpan.FromSeconds(1)), _ => throw new InvalidOperationException("boom")),
        ]);
        s.Scheduler.Start();

        await s.AdvanceAsync(TimeSpan.FromSeconds(1));

        var traced = spans.Single(a => (string?)a.GetTagItem("job.id") == "Jobs.Traced");
        Assert.Equal("run Jobs.Traced", traced.DisplayName);
        Assert.Same(traced, inside);
        Assert.Equal("succeeded", traced.GetTagItem("job.outcome"));
        Assert.Equal(1, traced.GetTagItem("job.attempt"));
        Assert.Equal(s.At(1).UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), traced.GetTagItem("job.scheduled_time"));

        var failed = spans.Single(a => (string?)a.GetTagItem("job.id") == "Jobs.Throws");
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("failed", failed.GetTagItem("job.outcome"));
        Assert.Contains(failed.Events, e => e.Name == "exception");
    }

    [Fact]
    public async Task Without_a_listener_a_run_has_no_span()
    {
        Activity? inside = new("placeholder");
        await using var s = new FakeClockScheduler(
        [
            new JobDefinition("Jobs.Plain", new IntervalTrigger(TimeSpan.FromSeconds(1)), _ =>
            {
                inside = Activity.Current;
                return default;
            }),
        ]);
        s.Scheduler.Start();

        await s.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Null(inside);
    }

    private static string? Tag<T>(CollectedMeasurement<T> measurement, string key)
        where T : struct => measurement.Tags.TryGetValue(key, out var value) ? value as string : null;
}

/// <summary>
/// A meter factory of one test's own, as a host's is: the meters it makes carry it as their scope, so a collector sees
/// this test's scheduler and none of the others alive in the process.
/// </summary>
internal sealed class ScopedMeterFactory : IMeterFactory
{
    public Meter Create(MeterOptions options)
    {
        options.Scope = this;
        return new Meter(options);
    }

    public MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(this, "GenScheduler", instrument);

    public void Dispose()
    {
    }
}

/// <summary>Telemetry tests listen process-wide (every scheduler's meter is named GenScheduler): they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
