using System;
using BenchmarkDotNet.Attributes;

namespace GenScheduler.Benchmarks;

/// <summary>How the due times of a <see cref="TimerHeapBenchmarks"/> heap are laid out.</summary>
public enum DueLayout
{
    /// <summary>Every entry due at its own instant, in random slot order: a table of assorted schedules.</summary>
    Distinct,

    /// <summary>Every entry due at the same instant: a storm, whose ties the heap breaks by slot number.</summary>
    Equal,
}

/// <summary>
/// The <see cref="TimerHeap"/> alone, holding N entries: take the earliest entry and put it back one period later
/// (the largest due time in the heap, so it sinks to a leaf: the worst case, and the case of a table of equal
/// intervals). With <see cref="DueLayout.Equal"/> every entry is due at once, as in a storm of jobs that share a schedule.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class TimerHeapBenchmarks
{
    private const int Ops = 1_000;

    private TimerHeap _heap = null!;

    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [Params(DueLayout.Distinct, DueLayout.Equal)]
    public DueLayout Dues { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _heap = new TimerHeap(N);
        int[] order = JobTables.Permutation(N, seed: 7);
        for (int slot = 0; slot < N; slot++)
        {
            _heap.Set(slot, Dues == DueLayout.Equal ? 0 : order[slot]);
        }
    }

    /// <summary>What the scheduler does per fire: peek the top, then <c>Set</c> its slot to the next due time (one sift-down).</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public long PeekAndReschedule()
    {
        long sum = 0;
        for (int i = 0; i < Ops; i++)
        {
            _heap.TryPeek(out long due, out int slot);
            _heap.Set(slot, due + N);
            sum += slot;
        }

        return sum;
    }

    /// <summary>A literal pop and push: <c>Remove</c> the top slot, then <c>Set</c> it again (a sift-down and a sift-up).</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public long PopAndPush()
    {
        long sum = 0;
        for (int i = 0; i < Ops; i++)
        {
            _heap.TryPeek(out long due, out int slot);
            _heap.Remove(slot);
            _heap.Set(slot, due + N);
            sum += slot;
        }

        return sum;
    }
}
