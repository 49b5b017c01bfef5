using System;
using System.Runtime.CompilerServices;

namespace GenScheduler;

/// <summary>
/// The <see cref="TimerQueue"/>'s binary min-heap: the entries that came out of order, earliest on top. A slot's place
/// is kept in the queue's positions (an index here is the position itself), so any entry moves or leaves in O(log n).
/// </summary>
/// <remarks>A mutable struct held in one field of the queue and never copied; every write of a place goes to <c>positions</c>.</remarks>
internal struct TimerHeap
{
    // Up to how many entries the heap is taken to fit in a core's cache (1 MB of entries, a quarter of that in
    // positions), which decides how SiftDown picks a child.
    private const int CachedEntries = 1 << 16;

    private TimerEntry[] _entries;

    public TimerHeap(int capacity) => _entries = new TimerEntry[capacity];

    public int Count { get; private set; }

    /// <summary>How many entries fit without growing.</summary>
    public readonly int Capacity => _entries.Length;

    /// <summary>Whether the order is left alone until <see cref="Order"/> (the queue's bulk mode).</summary>
    public bool Unordered { get; private set; }

    public readonly TimerEntry Top => _entries[0];

    public readonly long DueAt(int index) => _entries[index].Due;

    public void BeginBulk() => Unordered = true;

    /// <summary>Restores the heap order after <see cref="BeginBulk"/>, bottom-up (Floyd): O(n).</summary>
    public void Order(int[] positions)
    {
        if (!Unordered)
        {
            return;
        }

        Unordered = false;
        for (int index = (Count / 2) - 1; index >= 0; index--)
        {
            SiftDown(index, positions);
        }
    }

    /// <summary>Makes room for <paramref name="entries"/> entries at once.</summary>
    public void EnsureCapacity(int entries)
    {
        if (entries > _entries.Length)
        {
            // At least doubling, so that adding one job at a time stays amortised O(1).
            Array.Resize(ref _entries, (int)Math.Max(entries, Math.Min(Array.MaxLength, 2L * _entries.Length)));

            // Written now, though zero already: a large array's fresh pages are mapped at their first write, and a
            // million jobs' entries are 4,000 pages, so the start would otherwise pay for the jobs' memory.
            _entries.AsSpan(Count).Clear();
        }
    }

    /// <summary>Moves the entries into <paramref name="array"/>, at the same indices, and returns the old array: the queue moves spare room between its parts.</summary>
    public TimerEntry[] MoveTo(TimerEntry[] array)
    {
        System.Diagnostics.Debug.Assert(array.Length >= Count, "a heap moved into too small an array");
        var own = _entries;
        own.AsSpan(0, Count).CopyTo(array);
        _entries = array;
        return own;
    }

    public void Add(TimerEntry entry, int[] positions)
    {
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(4, _entries.Length * 2));
        }

        int index = Count++;
        _entries[index] = entry;
        positions[entry.Slot] = index;
        if (!Unordered)
        {
            SiftUp(index, positions);
        }
    }

    /// <summary>In bulk mode, puts an entry at the end without growing; <see langword="false"/> (nothing changed) when it is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAppend(TimerEntry entry, int[] positions)
    {
        int index = Count;
        if ((uint)index >= (uint)_entries.Length)
        {
            return false;
        }

        _entries[index] = entry;
        positions[entry.Slot] = index;
        Count = index + 1;
        return true;
    }

    /// <summary>Gives the entry at <paramref name="index"/> a new due instant (same slot) and moves it to its place.</summary>
    public void Replace(int index, TimerEntry entry, int[] positions)
    {
        var old = _entries[index];
        _entries[index] = entry;
        if (Unordered)
        {
            return;
        }

        if (TimerEntry.Less(entry, old))
        {
            SiftUp(index, positions);
        }
        else
        {
            SiftDown(index, positions);
        }
    }

    /// <summary>Takes out the entry at <paramref name="index"/>, whose slot is absent until the caller puts it elsewhere.</summary>
    public void RemoveAt(int index, int[] positions)
    {
        positions[_entries[index].Slot] = TimerQueue.Absent;
        int last = --Count;
        if (index == last)
        {
            return;
        }

        var moved = _entries[last];
        _entries[index] = moved;
        positions[moved.Slot] = index;
        if (Unordered)
        {
            return;
        }

        if (index > 0 && TimerEntry.Less(moved, _entries[(index - 1) / 2]))
        {
            SiftUp(index, positions);
        }
        else
        {
            SiftDown(index, positions);
        }
    }

    private readonly void SiftUp(int index, int[] positions)
    {
        var entries = _entries;
        var entry = entries[index];
        while (index > 0)
        {
            int parent = (index - 1) / 2;
            if (!TimerEntry.Less(entry, entries[parent]))
            {
                break;
            }

            Place(entries, positions, index, entries[parent]);
            index = parent;
        }

        Place(entries, positions, index, entry);
    }

    private readonly void SiftDown(int index, int[] positions)
    {
        var entries = _entries;
        var entry = entries[index];
        int count = Count;
        bool cached = count <= CachedEntries;
        while (true)
        {
            int child = (2 * index) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count)
            {
                // The smaller child. In a heap that fits in the cache, picked without a branch: when many entries are
                // due at once the slots decide, in no order a predictor could learn, so a branch would be mispredicted
                // at every other level. In a larger heap each level is a cache miss, and a predicted branch lets the
                // processor fetch the next level before this one's comparison is known.
                if (cached)
                {
                    child += Unsafe.BitCast<bool, byte>(TimerEntry.LessWithoutBranches(entries[child + 1], entries[child]));
                }
                else if (TimerEntry.Less(entries[child + 1], entries[child]))
                {
                    child++;
                }
            }

            if (!TimerEntry.Less(entries[child], entry))
            {
                break;
            }

            Place(entries, positions, index, entries[child]);
            index = child;
        }

        Place(entries, positions, index, entry);
    }

    private static void Place(TimerEntry[] entries, int[] positions, int index, TimerEntry entry)
    {
        entries[index] = entry;
        positions[entry.Slot] = index;
    }
}
