using System;
using System.Runtime.CompilerServices;

namespace GenScheduler;

/// <summary>
/// An indexed binary min-heap of (due instant, job slot): the earliest due job is always on top, and any
/// job's entry can be moved or removed in O(log n) because the heap remembers where each slot sits.
/// Entries are 16-byte structs in one array, so pushing and popping allocates nothing once the arrays have grown.
/// </summary>
/// <remarks>Ties on the due instant break by slot number, so jobs due together run in table order.</remarks>
internal sealed class TimerHeap
{
    private const int Absent = -1;

    // Up to how many entries the heap is taken to fit in a core's cache (1 MB of entries, a quarter of that in
    // positions), which decides how SiftDown picks a child.
    private const int CachedEntries = 1 << 16;

    private Entry[] _entries;
    private int[] _positions;
    private bool _unordered;

    public TimerHeap(int capacity = 16)
    {
        capacity = Math.Max(capacity, 4);
        _entries = new Entry[capacity];
        _positions = new int[capacity];
        Array.Fill(_positions, Absent);
    }

    public int Count { get; private set; }

    public bool Contains(int slot) => slot < _positions.Length && _positions[slot] != Absent;

    /// <summary>The due instant (UTC ticks) of a slot that is in the heap.</summary>
    public long DueOf(int slot) => _entries[_positions[slot]].Due;

    /// <summary>
    /// Lets <see cref="Set"/> and <see cref="Remove"/> leave the order alone until <see cref="EndBulk"/>: laying a
    /// million first fire times at the start is then O(n) instead of O(n log n). Nothing may peek meanwhile.
    /// </summary>
    public void BeginBulk() => _unordered = true;

    /// <summary>Restores the heap order after <see cref="BeginBulk"/>, bottom-up (Floyd): O(n).</summary>
    public void EndBulk()
    {
        if (!_unordered)
        {
            return;
        }

        _unordered = false;
        for (int index = (Count / 2) - 1; index >= 0; index--)
        {
            SiftDown(index);
        }
    }

    /// <summary>
    /// Makes room for the slots below <paramref name="slots"/>, and for an entry each, at once rather than as entries are
    /// set: a registry makes room for each job as it is added, so the start lays every first fire time without growing
    /// an array.
    /// </summary>
    public void EnsureCapacity(int slots)
    {
        if (slots > _entries.Length)
        {
            // At least doubling, so that adding one job at a time stays amortised O(1).
            Array.Resize(ref _entries, (int)Math.Max(slots, Math.Min(Array.MaxLength, 2L * _entries.Length)));

            // Written now, though zero already: a large array's fresh pages are mapped at their first write, and a
            // million jobs' entries are 4,000 pages, so the start would otherwise pay for the jobs' memory.
            _entries.AsSpan(Count).Clear();
        }

        if (slots > 0)
        {
            EnsureSlot(slots - 1);
        }
    }

    public bool TryPeek(out long due, out int slot)
    {
        System.Diagnostics.Debug.Assert(!_unordered, "peeked at a heap in bulk mode");
        if (Count == 0)
        {
            due = 0;
            slot = Absent;
            return false;
        }

        due = _entries[0].Due;
        slot = _entries[0].Slot;
        return true;
    }

    /// <summary>Puts a slot in the heap at <paramref name="due"/>, or moves it there if it is already in.</summary>
    public void Set(int slot, long due)
    {
        EnsureSlot(slot);
        int index = _positions[slot];
        if (index == Absent)
        {
            if (Count == _entries.Length)
            {
                Array.Resize(ref _entries, _entries.Length * 2);
            }

            index = Count++;
            _entries[index] = new Entry(due, slot);
            _positions[slot] = index;
            if (!_unordered)
            {
                SiftUp(index);
            }

            return;
        }

        var old = _entries[index];
        _entries[index] = new Entry(due, slot);
        if (_unordered)
        {
            return;
        }

        if (Less(_entries[index], old))
        {
            SiftUp(index);
        }
        else
        {
            SiftDown(index);
        }
    }

    /// <summary>
    /// In bulk mode, puts a slot that is not in the heap at its end, where <see cref="Set"/> would put it, and answers
    /// <see langword="true"/>; answers <see langword="false"/> (nothing changed) when <see cref="Set"/> must do it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAppend(int slot, long due)
    {
        int index = Count;
        if (!_unordered || (uint)slot >= (uint)_positions.Length || _positions[slot] != Absent || (uint)index >= (uint)_entries.Length)
        {
            return false;
        }

        _entries[index] = new Entry(due, slot);
        _positions[slot] = index;
        Count = index + 1;
        return true;
    }

    public bool Remove(int slot)
    {
        if (!Contains(slot))
        {
            return false;
        }

        int index = _positions[slot];
        _positions[slot] = Absent;
        int last = --Count;
        if (index == last)
        {
            return true;
        }

        var moved = _entries[last];
        _entries[index] = moved;
        _positions[moved.Slot] = index;
        if (_unordered)
        {
            return true;
        }

        if (index > 0 && Less(moved, _entries[(index - 1) / 2]))
        {
            SiftUp(index);
        }
        else
        {
            SiftDown(index);
        }

        return true;
    }

    private void EnsureSlot(int slot)
    {
        if (slot < _positions.Length)
        {
            return;
        }

        int old = _positions.Length;
        Array.Resize(ref _positions, Math.Max(slot + 1, old * 2));
        Array.Fill(_positions, Absent, old, _positions.Length - old);
    }

    private void SiftUp(int index)
    {
        var entry = _entries[index];
        while (index > 0)
        {
            int parent = (index - 1) / 2;
            if (!Less(entry, _entries[parent]))
            {
                break;
            }

            Place(index, _entries[parent]);
            index = parent;
        }

        Place(index, entry);
    }

    private void SiftDown(int index)
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
                // The smaller child. In a heap that fits in the cache, picked without a branch: in a storm every entry
                // is due at once and the slots decide, in no order a predictor could learn, so a branch would be
                // mispredicted at every other level. In a larger heap each level is a cache miss, and a predicted
                // branch lets the processor fetch the next level before this one's comparison is known.
                if (cached)
                {
                    child += Unsafe.BitCast<bool, byte>(LessWithoutBranches(entries[child + 1], entries[child]));
                }
                else if (Less(entries[child + 1], entries[child]))
                {
                    child++;
                }
            }

            if (!Less(entries[child], entry))
            {
                break;
            }

            Place(index, entries[child]);
            index = child;
        }

        Place(index, entry);
    }

    private void Place(int index, Entry entry)
    {
        _entries[index] = entry;
        _positions[entry.Slot] = index;
    }

    private static bool Less(Entry a, Entry b) => a.Due < b.Due || (a.Due == b.Due && a.Slot < b.Slot);

    // The same order without short-circuits, so that it compiles to flag arithmetic rather than branches (see SiftDown).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool LessWithoutBranches(Entry a, Entry b) => (a.Due < b.Due) | ((a.Due == b.Due) & (a.Slot < b.Slot));

    private readonly record struct Entry(long Due, int Slot);
}
