using System;
using System.Collections.Generic;
using System.Linq;

namespace GenScheduler.Tests;

public class TimerQueueTests
{
    [Fact]
    public void Pops_in_due_order_and_breaks_ties_by_slot()
    {
        var queue = new TimerQueue();
        queue.Set(3, 50);
        queue.Set(1, 10);
        queue.Set(2, 10);
        queue.Set(0, 70);

        var order = Drain(queue).ToList();

        Assert.Equal([(10L, 1), (10L, 2), (50L, 3), (70L, 0)], order);
    }

    [Fact]
    public void The_run_names_the_slots_coming_after_its_front_and_nothing_past_its_end()
    {
        var queue = new TimerQueue();
        for (int slot = 0; slot < 5; slot++)
        {
            queue.Set(slot, 10 + slot);
        }

        // Slot 1 leaves from the middle; the ring still holds it (dead), so a hint may name it: harmless.
        queue.Remove(1);
        queue.Remove(0);

        Assert.Equal(2, queue.RunSlotAhead(0));
        Assert.Equal(4, queue.PrefetchRunAhead(2));
        Assert.Equal(-1, queue.RunSlotAhead(3));
        Assert.Equal(-1, queue.PrefetchRunAhead(16));
        Assert.Equal([(12L, 2), (13L, 3), (14L, 4)], Drain(queue).ToList());
    }

    [Fact]
    public void Set_moves_an_entry_that_is_already_in_the_queue()
    {
        var queue = new TimerQueue();
        queue.Set(0, 10);
        queue.Set(1, 20);
        queue.Set(0, 30);

        Assert.Equal(2, queue.Count);
        Assert.Equal([(20L, 1), (30L, 0)], Drain(queue).ToList());
    }

    [Fact]
    public void Remove_takes_out_any_entry_and_keeps_the_order()
    {
        var queue = new TimerQueue();
        for (int slot = 0; slot < 10; slot++)
        {
            queue.Set(slot, 100 - slot);
        }

        Assert.True(queue.Remove(4));
        Assert.False(queue.Remove(4));
        Assert.False(queue.Contains(4));

        Assert.Equal(Enumerable.Range(0, 10).Where(s => s != 4).Reverse().ToList(), Drain(queue).Select(e => e.Slot).ToList());
    }

    [Fact]
    public void Random_operations_agree_with_a_sorted_reference()
    {
        // A seeded property test: thousands of sets, moves and removes, checked against a SortedSet after each step.
        var random = new Random(20261127);
        var queue = new TimerQueue(2);
        var reference = new Dictionary<int, long>();
        for (int step = 0; step < 20_000; step++)
        {
            RandomStep(queue, reference, random, slots: 500, removeOneIn: 4, dues: 1000);

            Assert.Equal(reference.Count, queue.Count);
            if (reference.Count > 0)
            {
                var expected = reference.OrderBy(p => p.Value).ThenBy(p => p.Key).First();
                Assert.True(queue.TryPeek(out long due, out int top));
                Assert.Equal((expected.Value, expected.Key), (due, top));
                Assert.Equal(reference[expected.Key], queue.DueOf(expected.Key));
            }
        }

        var sorted = reference.OrderBy(p => p.Value).ThenBy(p => p.Key).Select(p => (p.Value, p.Key)).ToList();
        Assert.Equal(sorted, Drain(queue).ToList());
    }

    [Fact]
    public void A_heap_larger_than_the_cache_orders_as_a_small_one_with_ties()
    {
        // Beyond 65,536 entries SiftDown picks a child by a branch, below by flag arithmetic: a storm's ties (a few
        // due times, slots deciding) are checked on both sides of that size, growing past it and shrinking back. On
        // the heap alone: in the queue, entries put back in order would go to the run instead.
        var random = new Random(20261204);
        const int Slots = 70_000;
        var heap = new TimerHeap(16);
        var positions = new int[Slots];
        var dues = new long[Slots];
        for (int slot = 0; slot < Slots; slot++)
        {
            dues[slot] = random.Next(4);
            heap.Add(new TimerEntry(dues[slot], slot), positions);
        }

        // Fire like a storm: the top moves one period on, to the bottom; some fires end a job, some jobs come back.
        var removed = new HashSet<int>();
        for (int step = 0; step < 200_000; step++)
        {
            var top = heap.Top;
            Assert.Equal(dues[top.Slot], top.Due);
            if (step % 3 == 0 && step < 120_000)
            {
                heap.RemoveAt(0, positions);
                removed.Add(top.Slot);
            }
            else
            {
                dues[top.Slot] = top.Due + 4;
                heap.Replace(0, new TimerEntry(dues[top.Slot], top.Slot), positions);
            }

            if (step % 7 == 0 && removed.Count > 0 && step >= 120_000)
            {
                int back = removed.First();
                removed.Remove(back);
                dues[back] = top.Due + random.Next(4);
                heap.Add(new TimerEntry(dues[back], back), positions);
            }
        }

        var expected = Enumerable.Range(0, Slots).Where(s => !removed.Contains(s)).Select(s => (dues[s], s)).OrderBy(e => e.Item1).ThenBy(e => e.s).ToList();
        var drained = new List<(long, int)>();
        while (heap.Count > 0)
        {
            drained.Add((heap.Top.Due, heap.Top.Slot));
            heap.RemoveAt(0, positions);
        }

        Assert.Equal(expected, drained);
    }

    [Fact]
    public void A_bulk_load_with_moves_and_removes_orders_as_one_set_at_a_time()
    {
        // The start lays every job in bulk and orders once (Floyd); the result must be the queue a Set per job gives.
        var random = new Random(20261203);
        var queue = new TimerQueue(4);
        var reference = new Dictionary<int, long>();
        queue.BeginBulk(adding: 2_000);
        for (int step = 0; step < 5_000; step++)
        {
            RandomStep(queue, reference, random, slots: 2_000, removeOneIn: 5, dues: 300);
        }

        queue.EndBulk();

        Assert.Equal(reference.Count, queue.Count);
        foreach (var (slot, due) in reference)
        {
            Assert.Equal(due, queue.DueOf(slot));
        }

        // Ordered again: later sets and removes keep working on it.
        queue.Set(5_000, -1);
        Assert.True(queue.TryPeek(out long first, out int top));
        Assert.Equal((-1L, 5_000), (first, top));
        Assert.True(queue.Remove(5_000));
        var sorted = reference.OrderBy(p => p.Value).ThenBy(p => p.Key).Select(p => (p.Value, p.Key)).ToList();
        Assert.Equal(sorted, Drain(queue).ToList());
    }

    [Fact]
    public void A_few_entries_for_a_large_queue_are_sifted_in_and_many_are_laid_in_bulk()
    {
        // One job added to a running scheduler of many is sifted in: ordering the whole heap again after it would be a
        // pass over every entry for one. As many as the queue holds are laid in bulk, and ordered once.
        var random = new Random(20261207);
        var queue = new TimerQueue(4);
        var reference = new Dictionary<int, long>();
        queue.EnsureCapacity(3_000);
        for (int slot = 0; slot < 1_000; slot++)
        {
            reference[slot] = 100 + random.Next(10_000);
            queue.Set(slot, reference[slot]);
        }

        queue.BeginBulk(adding: 1);
        Assert.False(queue.TryAppend(1_000, 50));
        queue.Set(1_000, reference[1_000] = 50);
        queue.EndBulk();
        Assert.True(queue.TryPeek(out long due, out int first));
        Assert.Equal((50, 1_000), (due, first));

        queue.BeginBulk(adding: 1_000);
        for (int slot = 1_001; slot <= 2_001; slot++)
        {
            reference[slot] = slot == 2_001 ? 10 : 20 + random.Next(10_000);
            Assert.True(queue.TryAppend(slot, reference[slot]));
        }

        queue.EndBulk();
        var sorted = reference.OrderBy(p => p.Value).ThenBy(p => p.Key).Select(p => (p.Value, p.Key)).ToList();
        Assert.Equal(sorted, Drain(queue).ToList());
    }

    [Fact]
    public void Try_append_lays_only_a_new_slot_in_bulk_mode_within_the_arrays()
    {
        var queue = new TimerQueue(4);
        Assert.False(queue.TryAppend(0, 10));
        Assert.Equal(0, queue.Count);

        queue.BeginBulk(adding: 8);

        // The run has no room yet: Set makes it.
        Assert.False(queue.TryAppend(0, 10));
        queue.Set(0, 10);
        Assert.True(queue.TryAppend(2, 30));
        Assert.True(queue.TryAppend(1, 5));
        Assert.False(queue.TryAppend(2, 5));
        Assert.False(queue.TryAppend(4, 40));
        queue.Set(4, 40);
        queue.EndBulk();

        Assert.Equal([(5L, 1), (10L, 0), (30L, 2), (40L, 4)], Drain(queue).ToList());
    }

    [Fact]
    public void Making_room_keeps_the_entries_in_the_queue()
    {
        var queue = new TimerQueue(4);
        queue.Set(0, 30);
        queue.Set(1, 10);
        queue.Set(2, 20);

        queue.EnsureCapacity(100);
        queue.Set(99, 5);

        Assert.Equal([(5L, 99), (10L, 1), (20L, 2), (30L, 0)], Drain(queue).ToList());
    }

    [Fact]
    public void A_bulk_load_by_appends_and_sets_orders_as_one_set_at_a_time()
    {
        // The start appends where it can and sets where it cannot (a slot already in, an array to grow).
        var random = new Random(20261204);
        var queue = new TimerQueue(4);
        queue.EnsureCapacity(500);
        var reference = new Dictionary<int, long>();
        queue.BeginBulk(adding: 1_000);
        for (int step = 0; step < 3_000; step++)
        {
            int slot = random.Next(1_000);
            long due = random.Next(200);
            if (!queue.TryAppend(slot, due))
            {
                queue.Set(slot, due);
            }

            reference[slot] = due;
        }

        queue.EndBulk();

        var sorted = reference.OrderBy(p => p.Value).ThenBy(p => p.Key).Select(p => (p.Value, p.Key)).ToList();
        Assert.Equal(sorted, Drain(queue).ToList());
    }

    [Fact]
    public void Entries_put_back_in_order_and_out_of_order_come_out_as_from_one_heap()
    {
        // The queue's run takes what comes after its last entry, its queue the rest: fires put back one period on (in
        // order), moves to anywhere (out of order) and removes, checked against a sorted reference after each step.
        var random = new Random(20261205);
        var queue = new TimerQueue(4);
        var reference = new SortedSet<(long Due, int Slot)>();
        var dues = new Dictionary<int, long>();
        const int Slots = 300;
        for (int slot = 0; slot < Slots; slot++)
        {
            Put(slot, random.Next(50));
        }

        for (int step = 0; step < 30_000; step++)
        {
            int roll = random.Next(16);
            if (roll < 9 && reference.Count > 0)
            {
                // A fire: the earliest goes one period on, usually past every other.
                var (due, slot) = reference.Min;
                Put(slot, due + 40 + random.Next(3));
            }
            else if (roll < 12)
            {
                Put(random.Next(Slots), random.Next(step / 10, (step / 10) + 60));
            }
            else if (roll < 14 && reference.Count > 0)
            {
                var (_, slot) = reference.Min;
                Take(slot);
            }
            else
            {
                Take(random.Next(Slots));
            }

            Assert.Equal(reference.Count, queue.Count);
            if (reference.Count > 0)
            {
                Assert.True(queue.TryPeek(out long first, out int top));
                Assert.Equal(reference.Min, (first, top));
            }
            else
            {
                Assert.False(queue.TryPeek(out _, out _));
            }
        }

        foreach (var (slot, due) in dues)
        {
            Assert.Equal(due, queue.DueOf(slot));
        }

        Assert.Equal(reference.ToList(), Drain(queue).ToList());

        void Put(int slot, long due)
        {
            if (dues.Remove(slot, out long old))
            {
                reference.Remove((old, slot));
            }

            queue.Set(slot, due);
            dues[slot] = due;
            reference.Add((due, slot));
        }

        void Take(int slot)
        {
            bool had = dues.Remove(slot, out long old);
            Assert.Equal(had, queue.Remove(slot));
            if (had)
            {
                reference.Remove((old, slot));
            }

            Assert.False(queue.Contains(slot));
        }
    }

    [Fact]
    public void A_storm_laid_in_order_takes_the_room_made_for_it_and_then_fires_without_allocating()
    {
        // Every job due together, laid in slot order: all of them join the run, which takes over the room made for
        // the queue once it has grown to a quarter of it, rather than growing on to hold a second copy.
        const int Jobs = 100_000;
        var queue = new TimerQueue(4);
        queue.EnsureCapacity(Jobs);
        long before = GC.GetAllocatedBytesForCurrentThread();
        queue.BeginBulk(adding: Jobs);
        for (int slot = 0; slot < Jobs; slot++)
        {
            if (!queue.TryAppend(slot, 0))
            {
                queue.Set(slot, 0);
            }
        }

        queue.EndBulk();
        long laid = GC.GetAllocatedBytesForCurrentThread() - before;

        // The run's growth to 32,768 entries (16 B each, about 1 MB), and not its growth to 131,072 (2 MB more).
        Assert.InRange(laid, 1L << 20, 3L << 19);

        // Two rounds of fires, each put back one period on: in order, so O(1) each and nothing allocated.
        int outOfOrder = 0;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int fire = 0; fire < 2 * Jobs; fire++)
        {
            queue.TryPeek(out long due, out int slot);
            outOfOrder += due == fire / Jobs && slot == fire % Jobs ? 0 : 1;
            queue.Set(slot, due + 1);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, outOfOrder);
        Assert.Equal(Jobs, queue.Count);
    }

    [Fact]
    public void A_run_moved_from_its_middle_sweeps_its_dead_out_instead_of_growing()
    {
        // Moving an entry of the run to its end leaves a dead one behind: a hundred jobs moved a hundred thousand
        // times must not make the ring grow, and the order must hold through every sweep.
        var random = new Random(20261206);
        var queue = new TimerQueue(4);
        var dues = new long[100];
        for (int slot = 0; slot < dues.Length; slot++)
        {
            dues[slot] = slot;
            queue.Set(slot, slot);
        }

        long last = dues.Length;
        long before = 0;
        for (int step = 0; step < 100_000; step++)
        {
            if (step == 1_000)
            {
                before = GC.GetAllocatedBytesForCurrentThread();
            }

            int slot = random.Next(dues.Length);
            dues[slot] = ++last;
            queue.Set(slot, last);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        var expected = Enumerable.Range(0, dues.Length).Select(s => (dues[s], s)).OrderBy(e => e.Item1).ToList();
        Assert.Equal(expected, Drain(queue).ToList());
    }

    /// <summary>One random set, move or remove, made on the queue and on the reference alike.</summary>
    private static void RandomStep(TimerQueue queue, Dictionary<int, long> reference, Random random, int slots, int removeOneIn, int dues)
    {
        int slot = random.Next(slots);
        if (random.Next(removeOneIn) == 0)
        {
            Assert.Equal(reference.Remove(slot), queue.Remove(slot));
        }
        else
        {
            long due = random.Next(dues);
            queue.Set(slot, due);
            reference[slot] = due;
        }
    }

    private static IEnumerable<(long Due, int Slot)> Drain(TimerQueue queue)
    {
        while (queue.TryPeek(out long due, out int slot))
        {
            queue.Remove(slot);
            yield return (due, slot);
        }
    }
}
