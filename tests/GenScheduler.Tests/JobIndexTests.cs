using System;
using System.Collections.Generic;
using System.Linq;

namespace GenScheduler.Tests;

public class JobIndexTests
{
    private static readonly JobInvoker Nothing = static _ => default;

    [Fact]
    public void Random_adds_and_removes_agree_with_a_dictionary()
    {
        // A seeded property test of the open-addressing index, removal by backward shift included: every step is
        // checked against a Dictionary, with few distinct ids so that probe chains collide, wrap and shift.
        var random = new Random(20261203);
        var slots = new List<ScheduledJob?>();
        var index = new JobIndex(slots, 0);
        var reference = new Dictionary<string, int>(StringComparer.Ordinal);
        var trigger = new IntervalTrigger(TimeSpan.FromSeconds(1));
        for (int step = 0; step < 30_000; step++)
        {
            string id = "job" + random.Next(300);
            if (random.Next(3) == 0)
            {
                bool removed = index.Remove(id);
                Assert.Equal(reference.Remove(id, out int slot), removed);
                if (removed)
                {
                    slots[slot] = null;
                }
            }
            else
            {
                int slot = slots.Count;
                slots.Add(new ScheduledJob(new JobDefinition(id, trigger, Nothing), slot));
                bool added = index.TryAdd(id, slot);
                Assert.Equal(reference.TryAdd(id, slot), added);
            }

            Assert.Equal(reference.Count, index.Count);
            if (step % 97 == 0)
            {
                foreach (var (id2, slot2) in reference)
                {
                    Assert.True(index.TryFind(id2, out int found));
                    Assert.Equal(slot2, found);
                }

                Assert.False(index.TryFind("absent" + step, out _));
            }
        }
    }

    [Fact]
    public void Growing_past_a_sized_capacity_keeps_every_id()
    {
        var slots = new List<ScheduledJob?>();
        var index = new JobIndex(slots, 4);
        var trigger = new IntervalTrigger(TimeSpan.FromSeconds(1));
        for (int i = 0; i < 10_000; i++)
        {
            slots.Add(new ScheduledJob(new JobDefinition("job" + i, trigger, Nothing), i));
            Assert.True(index.TryAdd("job" + i, i));
        }

        index.EnsureCapacity(50_000);
        Assert.All(Enumerable.Range(0, 10_000), i => Assert.True(index.TryFind("job" + i, out int slot) && slot == i));
        Assert.False(index.TryAdd("job42", 10_000));
    }
}
