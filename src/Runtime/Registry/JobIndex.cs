using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace GenScheduler;

/// <summary>
/// The jobs by id: an open-addressing table of (hash, slot) cells, linear probing, at most 80 % full. About 10 bytes a
/// job where a <see cref="Dictionary{TKey, TValue}"/> takes 28: with a million jobs the index is a tenth of what the
/// scheduler holds per job, and the id itself stays in the definition, reached only when a hash matches.
/// </summary>
/// <remarks>Not thread-safe: the scheduler's lock guards it, as it guards the registry.</remarks>
internal sealed class JobIndex
{
    private const int Empty = -1;
    private const double MaxLoad = 0.8;

    private readonly List<ScheduledJob?> _slots;
    private Cell[] _cells;

    public JobIndex(List<ScheduledJob?> slots, int capacity)
    {
        _slots = slots;
        _cells = NewCells(SizeFor(capacity));
    }

    public int Count { get; private set; }

    /// <summary>Makes room for <paramref name="count"/> more ids, so a batch rehashes once at most.</summary>
    /// <remarks>Inlined into <see cref="TryAdd(string, int, int)"/>, which is optimised at its first call: as a call, this check ran in first-tier code for most of a batch.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureCapacity(int count)
    {
        if (Count + count > _cells.Length * MaxLoad)
        {
            // At least doubling, so that adding one job at a time stays amortised O(1).
            Rehash(Math.Max(SizeFor(Count + count), (int)Math.Min(Array.MaxLength, 2L * _cells.Length)));
        }
    }

    /// <summary>The slot of the job with <paramref name="id"/>.</summary>
    public bool TryFind(string id, out int slot)
    {
        int hash = Hash(id);
        for (int i = Home(hash, _cells.Length); ; i = Next(i))
        {
            var cell = _cells[i];
            if (cell.Slot == Empty)
            {
                slot = Empty;
                return false;
            }

            if (cell.Hash == hash && string.Equals(_slots[cell.Slot]!.Id, id, StringComparison.Ordinal))
            {
                slot = cell.Slot;
                return true;
            }
        }
    }

    /// <summary>Adds <paramref name="id"/> for <paramref name="slot"/>; <see langword="false"/> when the id is taken (nothing changes).</summary>
    public bool TryAdd(string id, int slot) => TryAdd(id, Hash(id), slot);

    /// <summary>
    /// The <see cref="Hash"/> of <paramref name="id"/>, with the cell where the search for it begins asked into the
    /// cache: a batch asks for the cells of ids it will add soon, so that they come from memory together.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int HashAndPrefetch(string id)
    {
        int hash = Hash(id);
        CacheHint.Prefetch(ref _cells[Home(hash, _cells.Length)]);
        return hash;
    }

    /// <summary><see cref="TryAdd(string, int)"/> for an id whose <see cref="Hash"/> is known.</summary>
    /// <remarks>Optimised at its first call: a batch of a million jobs makes its million calls before the runtime's tiering would.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAdd(string id, int hash, int slot)
    {
        EnsureCapacity(1);

        int i = Home(hash, _cells.Length);
        for (; _cells[i].Slot != Empty; i = Next(i))
        {
            if (_cells[i].Hash == hash && string.Equals(_slots[_cells[i].Slot]!.Id, id, StringComparison.Ordinal))
            {
                return false;
            }
        }

        _cells[i] = new Cell(hash, slot);
        Count++;
        return true;
    }

    /// <summary>Removes <paramref name="id"/>; the cells after it move back, so no tombstone ever slows a lookup.</summary>
    public bool Remove(string id)
    {
        if (!TryFind(id, out int slot))
        {
            return false;
        }

        int hole = Home(Hash(id), _cells.Length);
        while (_cells[hole].Slot != slot)
        {
            hole = Next(hole);
        }

        // Backward shift: a cell further on moves into the hole unless its home lies in (hole, cell], where it would be
        // unreachable from its home if moved.
        for (int i = Next(hole); _cells[i].Slot != Empty; i = Next(i))
        {
            int home = Home(_cells[i].Hash, _cells.Length);
            bool homeBetween = hole <= i ? home > hole && home <= i : home > hole || home <= i;
            if (!homeBetween)
            {
                _cells[hole] = _cells[i];
                hole = i;
            }
        }

        _cells[hole] = new Cell(0, Empty);
        Count--;
        return true;
    }

    private int Next(int i) => i + 1 == _cells.Length ? 0 : i + 1;

    // Lemire's reduction: a hash onto [0, size) by a multiply, no division, for any size.
    private static int Home(int hash, int size) => (int)(((ulong)(uint)hash * (ulong)size) >> 32);

    /// <summary>The hash an id is filed under.</summary>
    public static int Hash(string id) => string.GetHashCode(id, StringComparison.Ordinal);

    private static int SizeFor(int count) => Math.Max(8, (int)Math.Min(Array.MaxLength, Math.Ceiling(count / MaxLoad) + 1));

    private static Cell[] NewCells(int size)
    {
        var cells = new Cell[size];
        Array.Fill(cells, new Cell(0, Empty));
        return cells;
    }

    private void Rehash(int size)
    {
        var old = _cells;
        _cells = NewCells(size);
        foreach (var cell in old)
        {
            if (cell.Slot != Empty)
            {
                int i = Home(cell.Hash, size);
                while (_cells[i].Slot != Empty)
                {
                    i = Next(i);
                }

                _cells[i] = cell;
            }
        }
    }

    private readonly record struct Cell(int Hash, int Slot);
}
