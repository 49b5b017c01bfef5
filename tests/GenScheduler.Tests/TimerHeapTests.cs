using System;
using System.Collections.Generic;
using System.Linq;

namespace GenScheduler.Tests;

public class TimerHeapTests
{
    [Fact]
    public void Pops_in_due_order_and_breaks_ties_by_slot()
    {
        var heap = new TimerHeap();
        heap.Set(3, 50);
        heap.Set(1, 10);
        heap.Set(2, 10);
        heap.Set(0, 70);

        var order = Drain(heap).ToList();

        Assert.Equal([(10L, 1), (10L, 2), (50L, 3), (70L, 0)], order);
    }

    [Fact]
    public void Set_moves_an_entry_that_is_already_in_the_heap()
    {
        var heap = new TimerHeap();
        heap.Set(0, 10);
        heap.Set(1, 20);
        heap.Set(0, 30);

        Assert.Equal(2, heap.Count);
        Assert.Equal([(20L, 1), (30L, 0)], Drain(heap).ToList());
    }

    [Fact]
    public void Remove_takes_out_any_entry_and_keeps_the_order()
    {
        var heap = new TimerHeap();
        for (int slot = 0; slot < 10; slot++)
        {
            heap.Set(slot, 100 - slot);
        }

        Assert.True(heap.Remove(4));
        Assert.False(heap.Remove(4));
        Assert.False(heap.Contains(4));

        Assert.Equal(Enumerable.Range(0, 10).Where(s => s != 4).Reverse().ToList(), Drain(heap).Select(e => e.Slot).ToList());
    }

    [Fact]
    public void Random_operations_agree_with_a_sorted_reference()
    {
        // A seeded property test: thousands of sets, moves and removes, checked against a SortedSet after each step.
        var random = new Random(20261127);
        var heap = new TimerHeap(2);
        var reference = new Dictionary<int, long>();
        for (int step = 0; step < 20_000; step++)
        {
            RandomStep(heap, reference, random, slots: 500, removeOneIn: 4, dues: 1000);

            Assert.Equal(reference.Count, heap.Count);
            if (reference.Count > 0)
            {
                var expected = reference.OrderBy(p => p.Value).ThenBy(p => p.Key).First();
                Assert.True(heap.TryPeek(out long due, out int top));
                Assert.Equal((expected.Value, expected.Key), (due, top));
                Assert.Equal(reference[expected.Key], heap.DueOf(expected.Key));
            }
        }

        var sorted = reference.OrderBy(p => p.Value).ThenBy(p => p.Key).Select(p => (p.Value, p.Key)).ToList();
        Assert.Equal(sorted, Drain(heap).ToList());
    }

    [Fact]
    public void A_heap_larger_than_the_cache_orders_as_a_small_one_with_ties()
    {
        // Beyond 65,536 entries SiftDown picks a child by a branch, below by flag arithmetic: a storm's ties (a few
        // due times, slots deciding) are checked on both sides of that size, growing past it and shrinking back.
        var random = new Random(20261204);
        const int Slots = 70_000;
        var heap = new TimerHeap(16);
        var dues = new long[Slots];
        for (int slot = 0; slot < Slots; slot++)
        {
            dues[slot] = random.Next(4);
            heap.Set(slot, dues[slot]);
        }

        // Fire like a storm: the top moves one period on, to the bottom; some fires end a job, some jobs come back.
        var removed = new HashSet<int>();
        for (int step = 0; step < 200_000; step++)
        {
            Assert.True(heap.TryPeek(out long due, out int top));
            Assert.Equal(dues[top], due);
            if (step % 3 == 0 && step < 120_000)
            {
                heap.Remove(top);
                removed.Add(top);
            }
            else
            {
                dues[top] = due + 4;
                heap.Set(top, dues[top]);
            }

            if (step % 7 == 0 && removed.Count > 0 && step >= 120_000)
            {
                int back = removed.First();
                removed.Remove(back);
                dues[back] = due + random.Next(4);
                heap.Set(back, dues[back]);
            }
        }

        var expected = Enumerable.Range(0, Slots).Where(s => !removed.Contains(s)).Select(s => (dues[s], s)).OrderBy(e => e.Item1).ThenBy(e => e.s).ToList();
        Assert.Equal(expected, Drain(heap).ToList());
    }

    [Fact]
    public void A_bulk_load_with_moves_and_removes_orders_as_one_set_at_a_time()
    {
        // The start lays every job in bulk and orders once (Floyd); the result must be the heap a Set per job gives.
        var random = new Random(20261203);
        var heap = new TimerHeap(4);
        var reference = new Dictionary<int, long>();
        heap.BeginBulk();
        for (int step = 0; step < 5_000; step++)
        {
            RandomStep(heap, reference, random, slots: 2_000, removeOneIn: 5, dues: 300);
        }

        heap.EndBulk();

        Assert.Equal(reference.Count, heap.Count);
        foreach (var (slot, due) in reference)
        {
            Assert.Equal(due, heap.DueOf(slot));
        }

        // Ordered again: later sets and removes keep working on it.
        heap.Set(5_000, -1);
        Assert.True(heap.TryPeek(out long first, out int top));
        Assert.Equal((-1L, 5_000), (first, top));
        Assert.True(heap.Remove(5_000));
        var sorted = reference.OrderBy(p => p.Value).ThenBy(p => p.Key).Select(p => (p.Value, p.Key)).ToList();
        Assert.Equal(sorted, Drain(heap).ToList());
    }

    [Fact]
    public void Try_append_lays_only_a_new_slot_in_bulk_mode_within_the_arrays()
    {
        var heap = new TimerHeap(4);
        Assert.False(heap.TryAppend(0, 10));
        Assert.Equal(0, heap.Count);

        heap.BeginBulk();
        Assert.True(heap.TryAppend(2, 30));
        Assert.True(heap.TryAppend(0, 10));
        Assert.False(heap.TryAppend(2, 5));
        Assert.False(heap.TryAppend(4, 40));
        heap.Set(4, 40);
        heap.EndBulk();

        Assert.Equal([(10L, 0), (30L, 2), (40L, 4)], Drain(heap).ToList());
    }

    [Fact]
    public void Making_room_keeps_the_entries_in_the_heap()
    {
        var heap = new TimerHeap(4);
        heap.Set(0, 30);
        heap.Set(1, 10);
        heap.Set(2, 20);

        heap.EnsureCapacity(100);
        heap.Set(99, 5);

        Assert.Equal([(5L, 99), (10L, 1), (20L, 2), (30L, 0)], Drain(heap).ToList());
    }

    [Fact]
    public void A_bulk_load_by_appends_and_sets_orders_as_one_set_at_a_time()
    {
        // The start appends where it can and sets where it cannot (a slot already in, an array to grow).
        var random = new Random(20261204);
        var heap = new TimerHeap(4);
        heap.EnsureCapacity(500);
        var reference = new Dictionary<int, long>();
        heap.BeginBulk();
        for (int step = 0; step < 3_000; step++)
        {
            int slot = random.Next(1_000);
            long due = random.Next(200);
            if (!heap.TryAppend(slot, due))
            {
                heap.Set(slot, due);
            }

            reference[slot] = due;
        }

        heap.EndBulk();

        var sorted = reference.OrderBy(p => p.Value).ThenBy(p => p.Key).Select(p => (p.Value, p.Key)).ToList();
        Assert.Equal(sorted, Drain(heap).ToList());
    }

    /// <summary>One random set, move or remove, made on the heap and on the reference alike.</summary>
    private static void RandomStep(TimerHeap heap, Dictionary<int, long> reference, Random random, int slots, int removeOneIn, int dues)
    {
        int slot = random.Next(slots);
        if (random.Next(removeOneIn) == 0)
        {
            Assert.Equal(reference.Remove(slot), heap.Remove(slot));
        }
        else
        {
            long due = random.Next(dues);
            heap.Set(slot, due);
            reference[slot] = due;
        }
    }

    private static IEnumerable<(long Due, int Slot)> Drain(TimerHeap heap)
    {
        while (heap.TryPeek(out long due, out int slot))
        {
            heap.Remove(slot);
            yield return (due, slot);
        }
    }
}
