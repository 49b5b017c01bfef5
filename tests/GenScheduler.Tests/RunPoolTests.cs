using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenScheduler.Tests;

/// <summary>
/// The pool of idle runs and the nested idle count: the two pieces a run touches on its way in and out, without a lock.
/// </summary>
public class RunPoolTests
{
    [Fact]
    public async Task Runs_returned_from_many_threads_while_one_takes_are_each_handed_out_once_at_a_time()
    {
        // Given a pool, and 64 runs out of it
        var executor = new RunExecutor(new SchedulerObserver(NullLogger.Instance, TimeProvider.System, this, new SchedulerTelemetry(null, () => 0)), TimeProvider.System, null, 0, TimeSpan.Zero, new IdleTracker());
        var pool = new RunPool(executor);
        var taker = new Lock();
        var outside = new HashSet<JobRun>();
        var returns = new System.Collections.Concurrent.BlockingCollection<JobRun>();
        for (int i = 0; i < 64; i++)
        {
            var run = pool.Take();
            outside.Add(run);
            returns.Add(run);
        }

        // When four threads give runs back while the test takes them out again, 200,000 times
        int twice = 0;
        var givers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            foreach (var run in returns.GetConsumingEnumerable())
            {
                lock (outside)
                {
                    outside.Remove(run);
                }

                pool.Return(run);
            }
        })).ToArray();

        for (int i = 0; i < 200_000; i++)
        {
            JobRun run;
            lock (taker)
            {
                run = pool.Take();
            }

            lock (outside)
            {
                if (!outside.Add(run))
                {
                    twice++;
                }
            }

            returns.Add(run);
        }

        returns.CompleteAdding();
        await Task.WhenAll(givers);

        // Then no run was out twice at once, and every run came back
        Assert.Equal(0, twice);
        Assert.Empty(outside);
    }

    [Fact]
    public void A_nested_count_is_one_piece_of_work_in_its_parent_while_it_is_above_zero()
    {
        var parent = new IdleTracker();
        var child = new IdleTracker(parent);
        parent.Enter();

        child.Enter();
        child.Enter();
        Assert.Equal(2, parent.Pending);

        parent.Exit();
        var idle = parent.WhenIdle();
        child.Exit();
        Assert.False(idle.IsCompleted);
        Assert.Equal(1, parent.Pending);

        child.Exit();
        Assert.True(idle.IsCompleted);
        Assert.Equal(0, parent.Pending);
        Assert.True(child.WhenIdle().IsCompleted);
    }
}
