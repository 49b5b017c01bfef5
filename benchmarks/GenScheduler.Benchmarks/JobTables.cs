using System;
using System.Threading;

namespace GenScheduler.Benchmarks;

/// <summary>Builds job tables the way generated code does: one id string, one trigger and one definition per job.</summary>
internal static class JobTables
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static long s_runs;

    /// <summary>Runs completed by <see cref="CountingInvoker"/> since the process started.</summary>
    public static long Runs => Volatile.Read(ref s_runs);

    /// <summary>An empty synchronous job that only counts its runs (one interlocked increment).</summary>
    public static readonly JobInvoker CountingInvoker = static _ =>
    {
        Interlocked.Increment(ref s_runs);
        return default;
    };

    /// <summary>An empty synchronous job.</summary>
    public static readonly JobInvoker EmptyInvoker = static _ => default;

    /// <summary>
    /// <paramref name="count"/> interval jobs without a start time, intervals from 1 s to 1 h: what a large generated
    /// table looks like to the scheduler's constructor and <see cref="Scheduler.Start"/>.
    /// </summary>
    public static JobDefinition[] Plain(int count)
    {
        var jobs = new JobDefinition[count];
        for (int i = 0; i < jobs.Length; i++)
        {
            jobs[i] = new JobDefinition("Jobs.Job" + i, new IntervalTrigger(TimeSpan.FromSeconds(1 + (i % 3600))), EmptyInvoker);
        }

        return jobs;
    }

    /// <summary>
    /// <paramref name="count"/> interval jobs laid out so that exactly <paramref name="firesPerWake"/> of them are due at
    /// every multiple of <paramref name="step"/> after <see cref="T0"/>, forever: all share the interval
    /// <c>count / firesPerWake * step</c>. With <see cref="JobOrder.Shuffled"/> a random permutation (fixed seed)
    /// decides which jobs share a due time, so the order in which jobs fire is unrelated to the order their objects
    /// sit in memory, as in a large table whose jobs have assorted intervals; with <see cref="JobOrder.TableOrder"/>
    /// they fire in the order they were created, the friendliest case for the caches.
    /// No misfire grace limit: a run is never dropped because the benchmark thread outran the thread pool.
    /// </summary>
    public static JobDefinition[] Spread(int count, int firesPerWake, TimeSpan step, JobInvoker invoker, JobOrder order)
    {
        if (count % firesPerWake != 0)
        {
            throw new ArgumentException($"{count} jobs cannot be split into groups of {firesPerWake}.", nameof(firesPerWake));
        }

        int wakes = count / firesPerWake;
        var interval = step * wakes;
        var options = new JobOptions { MisfireGraceTime = null };
        int[] position = order == JobOrder.Shuffled ? Permutation(count, seed: 42) : Identity(count);
        var jobs = new JobDefinition[count];
        for (int i = 0; i < jobs.Length; i++)
        {
            int wake = position[i] / firesPerWake;
            var start = T0 + (step * (wake + 1));
            jobs[i] = new JobDefinition("Jobs.Job" + i, new IntervalTrigger(interval, start), invoker, options);
        }

        return jobs;
    }

    public static int[] Permutation(int count, int seed)
    {
        int[] order = Identity(count);
        new Random(seed).Shuffle(order);
        return order;
    }

    private static int[] Identity(int count)
    {
        var order = new int[count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        return order;
    }

}

/// <summary>In which order, relative to their place in memory, the jobs come due.</summary>
public enum JobOrder
{
    /// <summary>Randomly: what a large table with assorted intervals looks like after a while.</summary>
    Shuffled,

    /// <summary>In table (allocation) order: the best case for the caches.</summary>
    TableOrder,
}
