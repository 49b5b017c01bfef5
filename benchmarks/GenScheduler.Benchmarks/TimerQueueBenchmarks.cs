using BenchmarkDotNet.Attributes;

namespace GenScheduler.Benchmarks;

/// <summary>How the due times of a <see cref="TimerQueueBenchmarks"/> queue are laid out, and put back.</summary>
public enum DueLayout
{
    /// <summary>
    /// Every entry due at its own instant, in random slot order, and put back one period after the others (a table of
    /// equal intervals): after one cycle every entry comes in order, so the queue's sorted run holds them all.
    /// </summary>
    Distinct,

    /// <summary>Every entry due at the same instant: a storm, whose ties the queue breaks by slot number.</summary>
    Equal,

    /// <summary>
    /// Every entry due at its own instant and put back after a period of its own, between N and 2N: most come back
    /// before an entry already laid, so they go through the heap (a table of assorted intervals).
    /// </summary>
    Mixed,
}

/// <summary>Which queue a <see cref="TimerQueueBenchmarks"/> case measures.</summary>
public enum QueueKind
{
    /// <summary>The scheduler's <see cref="TimerQueue"/>: a sorted run for entries that come in order, a heap for the rest.</summary>
    RunAndHeap,

    /// <summary>The baseline: the heap alone, as the queue was before the sorted run (<see cref="HeapAlone"/>).</summary>
    HeapAlone,
}

/// <summary>
/// The <see cref="TimerQueue"/> alone, holding N entries, against the heap alone in the same run: take the earliest
/// entry and put it back one period later. With equal periods (<see cref="DueLayout.Distinct"/>,
/// <see cref="DueLayout.Equal"/>) the entry is due after every other, the case the queue's sorted run takes in O(1);
/// with <see cref="DueLayout.Mixed"/> periods it lands among the others and sifts through the heap in O(log n).
/// </summary>
[Config(typeof(ShortRunConfig))]
public class TimerQueueBenchmarks
{
    private const int Ops = 1_000;

    private TimerQueue _queue = null!;
    private HeapAlone _heap = null!;
    private long[] _periods = null!;

    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [Params(DueLayout.Distinct, DueLayout.Equal, DueLayout.Mixed)]
    public DueLayout Dues { get; set; }

    [Params(QueueKind.RunAndHeap, QueueKind.HeapAlone)]
    public QueueKind Queue { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _queue = new TimerQueue(N);
        _heap = new HeapAlone(N);
        _periods = new long[N];
        int[] order = JobTables.Permutation(N, seed: 7);
        int[] spread = JobTables.Permutation(N, seed: 11);
        for (int slot = 0; slot < N; slot++)
        {
            Set(slot, Dues == DueLayout.Equal ? 0 : order[slot]);
            _periods[slot] = Dues == DueLayout.Mixed ? N + spread[slot] : N;
        }

        // One full cycle, so the queue is measured as it stands after the first fire of every job (for equal periods,
        // every entry in the run), not as the first lay left it.
        for (int i = 0; i < N; i++)
        {
            PutBackEarliest();
        }
    }

    /// <summary>What the scheduler does per fire: peek the earliest, then <c>Set</c> its slot to its next due time.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public long PeekAndReschedule()
    {
        long sum = 0;
        for (int i = 0; i < Ops; i++)
        {
            sum += PutBackEarliest();
        }

        return sum;
    }

    /// <summary>A literal pop and push: <c>Remove</c> the earliest slot, then <c>Set</c> it again.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public long PopAndPush()
    {
        long sum = 0;
        for (int i = 0; i < Ops; i++)
        {
            TryPeek(out long due, out int slot);
            if (Queue == QueueKind.RunAndHeap)
            {
                _queue.Remove(slot);
            }
            else
            {
                _heap.Remove(slot);
            }

            Set(slot, due + _periods[slot]);
            sum += slot;
        }

        return sum;
    }

    private int PutBackEarliest()
    {
        TryPeek(out long due, out int slot);
        Set(slot, due + _periods[slot]);
        return slot;
    }

    // One predictable branch a step, the same for both kinds.
    private void TryPeek(out long due, out int slot)
    {
        if (Queue == QueueKind.RunAndHeap)
        {
            _queue.TryPeek(out due, out slot);
        }
        else
        {
            _heap.TryPeek(out due, out slot);
        }
    }

    private void Set(int slot, long due)
    {
        if (Queue == QueueKind.RunAndHeap)
        {
            _queue.Set(slot, due);
        }
        else
        {
            _heap.Set(slot, due);
        }
    }
}
