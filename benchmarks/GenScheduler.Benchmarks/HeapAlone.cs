using System;

namespace GenScheduler.Benchmarks;

/// <summary>
/// The scheduler's queue as it was before the sorted run: the <see cref="TimerHeap"/> alone, with its slot positions,
/// every entry sifted. The baseline <see cref="TimerQueueBenchmarks"/> measures the <see cref="TimerQueue"/> against.
/// </summary>
internal sealed class HeapAlone
{
    private readonly int[] _positions;
    private TimerHeap _heap;

    public HeapAlone(int capacity)
    {
        _heap = new TimerHeap(capacity);
        _positions = new int[capacity];
        Array.Fill(_positions, TimerQueue.Absent);
    }

    public bool TryPeek(out long due, out int slot)
    {
        if (_heap.Count == 0)
        {
            (due, slot) = (0, TimerQueue.Absent);
            return false;
        }

        (due, slot) = (_heap.Top.Due, _heap.Top.Slot);
        return true;
    }

    public void Set(int slot, long due)
    {
        var entry = new TimerEntry(due, slot);
        int position = _positions[slot];
        if (position >= 0)
        {
            _heap.Replace(position, entry, _positions);
        }
        else
        {
            _heap.Add(entry, _positions);
        }
    }

    public void Remove(int slot) => _heap.RemoveAt(_positions[slot], _positions);
}
