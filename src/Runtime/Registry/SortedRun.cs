using System;

namespace GenScheduler;

/// <summary>
/// The <see cref="TimerQueue"/>'s sorted run: entries that came in order (none before the last one in), kept in a ring
/// in that order and taken from its front, so that laying and firing them is O(1). A job whose next due instant is
/// past every other's goes here: every fire of a storm of jobs that share a schedule, and of a table of equal intervals.
/// </summary>
/// <remarks>
/// <para>An entry's position in the queue is <c>-2 - index</c>. An entry taken out from the middle stays in the ring,
/// dead: it is alive only while its slot's position still names its index. The front is always alive.</para>
/// <para>A mutable struct held in one field of the queue and never copied.</para>
/// </remarks>
internal struct SortedRun
{
    private TimerEntry[] _entries;
    private int _head;
    private int _span;

    public SortedRun() => _entries = [];

    /// <summary>The entries alive.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the ring is full (dead entries included): the next append grows it or sweeps the dead out.</summary>
    public readonly bool IsFull => _span == _entries.Length;

    public readonly int Capacity => _entries.Length;

    /// <summary>The earliest entry; there must be one.</summary>
    public readonly TimerEntry First => _entries[_head];

    public static int PositionOf(int index) => -2 - index;

    public static int IndexAt(int position) => -2 - position;

    public readonly long DueAt(int index) => _entries[index].Due;

    /// <summary>
    /// The slot of the entry <paramref name="ahead"/> places behind the front in the ring, dead or alive; -1 when the
    /// run is not that long. For hints only: a dead entry's slot may be anywhere by now.
    /// </summary>
    public readonly int SlotAhead(int ahead) => ahead < _span ? _entries[Wrap(_head + ahead)].Slot : -1;

    /// <summary>Whether <paramref name="entry"/> may join the run: it is empty, or the entry comes after its last.</summary>
    public readonly bool Takes(TimerEntry entry) =>
        Count == 0 || !TimerEntry.Less(entry, _entries[Wrap(_head + _span - 1)]);

    /// <summary>Appends an entry <see cref="Takes"/> said yes to, growing the ring when it is full.</summary>
    public void Append(TimerEntry entry, int[] positions)
    {
        if (_span == _entries.Length)
        {
            if (_entries.Length > 0 && Count <= _entries.Length / 2)
            {
                // At least half of it is dead: sweeping makes room without growing.
                Sweep(positions);
            }
            else
            {
                MoveTo(new TimerEntry[Math.Max(16, _entries.Length * 2)], positions);
            }
        }

        Put(entry, positions);
    }

    /// <summary>Appends an entry <see cref="Takes"/> said yes to if it fits; <see langword="false"/> (nothing changed) when it does not.</summary>
    public bool TryAppend(TimerEntry entry, int[] positions)
    {
        if (_span == _entries.Length)
        {
            return false;
        }

        Put(entry, positions);
        return true;
    }

    /// <summary>Takes out the entry at <paramref name="index"/>, whose slot is absent until the caller puts it elsewhere.</summary>
    public void RemoveAt(int index, int[] positions)
    {
        positions[_entries[index].Slot] = TimerQueue.Absent;
        if (--Count == 0)
        {
            (_head, _span) = (0, 0);
            return;
        }

        if (index == _head)
        {
            // The front moves on past the dead, so it is alive again.
            do
            {
                _head = Wrap(_head + 1);
                _span--;
            }
            while (!IsAlive(_head, positions));
        }
    }

    /// <summary>
    /// Moves the run into <paramref name="array"/>, from its start, and returns the old array (for the heap to take
    /// when the run is empty, or to drop).
    /// </summary>
    public TimerEntry[] MoveTo(TimerEntry[] array, int[] positions)
    {
        System.Diagnostics.Debug.Assert(array.Length >= Count, "a run moved into too small an array");
        CopyAlive(array, 0, positions);
        var old = _entries;
        (_entries, _head, _span) = (array, 0, Count);
        return old;
    }

    private void Put(TimerEntry entry, int[] positions)
    {
        int index = Wrap(_head + _span);
        _entries[index] = entry;
        positions[entry.Slot] = PositionOf(index);
        _span++;
        Count++;
    }

    /// <summary>Moves the living entries up to the front in place, in order: the ring's dead are gone.</summary>
    private void Sweep(int[] positions)
    {
        CopyAlive(_entries, _head, positions);
        _span = Count;
    }

    /// <summary>
    /// Copies the living entries, in order, into <paramref name="to"/> as a ring from <paramref name="start"/>, and points
    /// their slots there. Into the ring itself (a sweep) reading never falls behind writing, so nothing is overwritten
    /// before it is read.
    /// </summary>
    private readonly void CopyAlive(TimerEntry[] to, int start, int[] positions)
    {
        int at = start;
        for (int i = 0, from = _head; i < _span; i++, from = Wrap(from + 1))
        {
            if (IsAlive(from, positions))
            {
                var entry = _entries[from];
                to[at] = entry;
                positions[entry.Slot] = PositionOf(at);
                at = at + 1 == to.Length ? 0 : at + 1;
            }
        }
    }

    private readonly bool IsAlive(int index, int[] positions) => positions[_entries[index].Slot] == PositionOf(index);

    private readonly int Wrap(int index) => index >= _entries.Length ? index - _entries.Length : index;
}
