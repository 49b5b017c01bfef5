using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Tests;

/// <summary>Jobs added from delegates: an async lambda is awaited, so what it throws is logged and never kills the process.</summary>
public class DelegateJobTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_throwing_async_lambda_is_logged_and_keeps_its_schedule()
    {
        await using var s = new FakeClockScheduler([]);
        int calls = 0;
        s.Scheduler.Start();

        // An async lambda with no parameter: it must bind to Func<Task>, not to Action (async void).
        var definition = s.Scheduler.AddJob("Jobs.AsyncBoom", new IntervalTrigger(Three), async () =>
        {
            Interlocked.Increment(ref calls);
            await Task.Yield();
            throw new InvalidOperationException("async boom");
        });
        await s.AdvanceAsync(Three);
        await s.AdvanceAsync(Three);

        Assert.Equal(2, calls);
        Assert.Equal(2, s.EventsOf(SchedulerEventKind.JobError).Count(e => e.Exception?.Message == "async boom"));
        Assert.Equal(2, s.Log.Errors.Count(e => e.StartsWith("Job \"Jobs.AsyncBoom", StringComparison.Ordinal)));
        Assert.Equal(s.At(9), s.Scheduler.GetJob(definition.Id).NextRunTime);
    }

    [Fact]
    public async Task A_synchronous_lambda_binds_to_action_and_a_token_lambda_gets_the_runs_token()
    {
        await using var s = new FakeClockScheduler([]);
        int sync = 0;
        CancellationToken seen = default;
        s.Scheduler.Start();

        s.Scheduler.AddJob("Jobs.Sync", new IntervalTrigger(Three), () => { Interlocked.Increment(ref sync); });
        s.Scheduler.AddJob("Jobs.Token", new IntervalTrigger(Three), token =>
        {
            seen = token;
            return Task.CompletedTask;
        });
        await s.AdvanceAsync(Three);

        Assert.Equal(1, sync);
        Assert.True(seen.CanBeCanceled);
    }
}
