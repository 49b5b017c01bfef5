using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenScheduler;

/// <summary>
/// The due instants of a scheduler's jobs, by slot: the earliest is always at hand, and any slot's entry can be moved
/// or removed because the queue remembers where each slot sits. Two parts share that memory of places: a
/// <see cref="SortedRun"/> for entries that come in order, laid and taken in O(1), and a <see cref="TimerHeap"/> for
/// the others, in O(log n). Nothing allocates once the arrays have grown.
/// </summary>
/// <remarks>
/// <para>A job fired and put back one interval later is usually due after every other job: in a storm of jobs that
/// share a schedule, in a table of equal intervals, for every cron job of one expression. Those entries join the run,
/// so the fires cost no sift through a heap that does not fit in the first-level cache; an entry that would come
/// before the run's last goes to the heap, and the earliest is the earlier of the two fronts.</para>
/// <para>Ties on the due instant break by slot number in both parts, so jobs due together run in table order.</para>
/// </remarks>
internal sealed class TimerQueue
{
    /// <summary>The position of a slot that is in neither part.</summary>
    public const int Absent = -1;

    private TimerHeap _heap;
    private SortedRun _run;
    private int[] _positions;

    public TimerQueue(int capacity = 16)
    {
        capacity = Math.Max(capacity, 4);
        _heap = new TimerHeap(capacity);
        _run = new SortedRun();
        _positions = new int[capacity];
        Array.Fill(_positions, Absent);
    }

    public int Count => _heap.Count + _run.Count;

    public bool Contains(int slot) => slot < _positions.Length && _positions[slot] != Absent;

    /// <summary>The due instant (UTC ticks) of a slot that is in the queue.</summary>
    public long DueOf(int slot)
    {
        int position = _positions[slot];
        return position >= 0 ? _heap.DueAt(position) : _run.DueAt(SortedRun.IndexAt(position));
    }

    /// <summary>
    /// Lets <see cref="Set"/> and <see cref="Remove"/> leave the heap's order alone until <see cref="EndBulk"/>, for
    /// <paramref name="adding"/> entries about to be laid: a million first fire times at the start are then laid in O(n)
    /// instead of O(n log n). Only when they are many for the queue's size: the pass at the end costs about as much as
    /// the heap is large, and sifting each entry in costs at most log n each, so a few jobs added to a large running
    /// scheduler are sifted in (one job added among a million would otherwise pay a pass over a million entries).
    /// Nothing may peek meanwhile.
    /// </summary>
    public void BeginBulk(int adding)
    {
        long total = (long)Count + adding;
        if ((long)adding * BitOperations.Log2((ulong)total) >= total)
        {
            _heap.BeginBulk();
        }
    }

    /// <summary>Restores the heap's order after <see cref="BeginBulk"/>, bottom-up (Floyd): O(n).</summary>
    public void EndBulk() => _heap.Order(_positions);

    /// <summary>
    /// Makes room for the slots below <paramref name="slots"/>, and for an entry each in the heap, at once rather than
    /// as entries are set: a registry makes room for each job as it is added, so the start lays every first fire time
    /// without growing an array. (A run that grows to half the heap's room takes it over, see <see cref="AppendToRun"/>.)
    /// </summary>
    public void EnsureCapacity(int slots)
    {
        _heap.EnsureCapacity(slots);
        if (slots > 0)
        {
            EnsureSlot(slots - 1);
        }
    }

    public bool TryPeek(out long due, out int slot)
    {
        System.Diagnostics.Debug.Assert(!_heap.Unordered, "peeked at a queue in bulk mode");
        TimerEntry first;
        if (_run.Count > 0)
        {
            first = _run.First;
            if (_heap.Count > 0 && TimerEntry.Less(_heap.Top, first))
            {
                first = _heap.Top;
            }
        }
        else if (_heap.Count > 0)
        {
            first = _heap.Top;
        }
        else
        {
            due = 0;
            slot = Absent;
            return false;
        }

        due = first.Due;
        slot = first.Slot;
        return true;
    }

    /// <summary>
    /// The slot of the sorted run's entry <paramref name="ahead"/> places behind its front (see
    /// <see cref="SortedRun.SlotAhead"/>), its position in this queue asked into the cache: what firing it will read.
    /// -1 when the run is not that long.
    /// </summary>
    public int PrefetchRunAhead(int ahead)
    {
        int slot = RunSlotAhead(ahead);
        if ((uint)slot < (uint)_positions.Length)
        {
            CacheHint.Prefetch(ref _positions[slot]);
        }

        return slot;
    }

    /// <summary>The slot of the sorted run's entry <paramref name="ahead"/> places behind its front; -1 when the run is not that long.</summary>
    public int RunSlotAhead(int ahead) => _run.SlotAhead(ahead);

    /// <summary>Puts a slot in the queue at <paramref name="due"/>, or moves it there if it is already in.</summary>
    public void Set(int slot, long due)
    {
        EnsureSlot(slot);
        var entry = new TimerEntry(due, slot);
        int position = _positions[slot];
        if (position >= 0)
        {
            if (_run.Takes(entry))
            {
                _heap.RemoveAt(position, _positions);
                AppendToRun(entry);
            }
            else
            {
                _heap.Replace(position, entry, _positions);
            }

            return;
        }

        if (position != Absent)
        {
            _run.RemoveAt(SortedRun.IndexAt(position), _positions);
        }

        if (_run.Takes(entry))
        {
            AppendToRun(entry);
        }
        else
        {
            AddToHeap(entry);
        }
    }

    /// <summary>
    /// In bulk mode, puts a slot that is not in the queue where <see cref="Set"/> would put it, if that needs no array
    /// to grow, and answers <see langword="true"/>; answers <see langword="false"/> (nothing changed) when <see cref="Set"/> must do it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAppend(int slot, long due)
    {
        if (!_heap.Unordered || (uint)slot >= (uint)_positions.Length || _positions[slot] != Absent)
        {
            return false;
        }

        var entry = new TimerEntry(due, slot);
        return _run.Takes(entry) ? _run.TryAppend(entry, _positions) : _heap.TryAppend(entry, _positions);
    }

    public bool Remove(int slot)
    {
        if (!Contains(slot))
        {
            return false;
        }

        int position = _positions[slot];
        if (position >= 0)
        {
            _heap.RemoveAt(position, _positions);
        }
        else
        {
            _run.RemoveAt(SortedRun.IndexAt(position), _positions);
        }

        return true;
    }

    private void AppendToRun(TimerEntry entry)
    {
        if (_run.IsFull && _heap.Count == 0 && _heap.Capacity > _run.Capacity && _run.Capacity * 4 >= _heap.Capacity)
        {
            // The run has grown to a good part of the room the heap was given and does not use: it takes that room
            // (and the heap, empty, its own), where growing would hold both. A table whose jobs all come in order
            // then costs no more memory than a heap of them; one whose run stays small keeps its heap's room.
            _run.MoveTo(_heap.MoveTo([]), _positions);
        }

        _run.Append(entry, _positions);
    }

    private void AddToHeap(TimerEntry entry)
    {
        if (_heap.Count == _heap.Capacity && _run.Count == 0 && _run.Capacity > _heap.Capacity)
        {
            // The other way: an empty run's room is the heap's before the heap grows.
            _heap.MoveTo(_run.MoveTo([], _positions));
        }

        _heap.Add(entry, _positions);
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
}
