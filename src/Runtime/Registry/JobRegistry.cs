using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenScheduler;

/// <summary>
/// The jobs of one scheduler: a slot per job, an index by id, and the <see cref="TimerQueue"/> of due instants by slot.
/// Not thread-safe: the scheduler's lock guards it.
/// </summary>
internal sealed class JobRegistry
{
    private readonly List<ScheduledJob?> _slots;
    private readonly Stack<int> _freeSlots = new();
    private readonly JobIndex _byId;
    private readonly TimerQueue _queue;
    private Dictionary<string, JobDefinition>? _targets;

    // How far ahead AddRange asks for the index's cells: enough fetches in flight to cover a miss of main memory.
    private const int Ahead = 16;

    public JobRegistry(int capacity)
    {
        // Sized once: growing by doubling would leave about 45 B per job of discarded arrays behind.
        _slots = new List<ScheduledJob?>(capacity);
        _byId = new JobIndex(_slots, capacity);
        _queue = new TimerQueue(capacity);
    }

    public int Count => _byId.Count;

    /// <summary>
    /// Whether a job or target ever added needs services from dependency injection: only then does the start look at
    /// every definition (<see cref="ServiceCheck"/>), which at a million jobs would be most of a start.
    /// </summary>
    /// <remarks>
    /// Set where definitions enter, never cleared, so it may say yes for a job since removed (the look then finds
    /// nothing). A definition put on a job later (modify, reschedule, replace, a store's restore) needs no flag: the
    /// services are fixed at construction, a change keeps the definition's services or is checked when it is made,
    /// and only the table's jobs and targets wait for the start to be checked.
    /// </remarks>
    public bool AnyNeedsServices { get; private set; }

    /// <summary>The highest slot number in use plus one; slots below it may be empty.</summary>
    public int SlotCount => _slots.Count;

    /// <summary>The job in <paramref name="slot"/>, or <see langword="null"/> for an empty slot.</summary>
    public ScheduledJob? this[int slot] => _slots[slot];

    /// <summary>Adds a job, in a free slot if there is one.</summary>
    /// <exception cref="ConflictingJobIdException">Another job has the id.</exception>
    public ScheduledJob Add(JobDefinition definition) => Add(definition, JobIndex.Hash(definition.Id));

    /// <summary>
    /// Adds the jobs of a batch in order into <paramref name="jobs"/>, as <see cref="Add(JobDefinition)"/> one by one
    /// would, counting them in <paramref name="added"/>: when a clash throws, the ones before it are added and counted.
    /// </summary>
    /// <remarks>
    /// Optimised at its first call, as it runs once over up to a million jobs. The index is as big as the jobs are many,
    /// so each new id's cell is a fetch from memory: the cell of the id <see cref="Ahead"/> places on is asked into the
    /// cache while this one is added, so the fetches overlap and the add finds its cell there. A hint, not a read: reads
    /// would hold the processor's window until they came back, and a window holds only two or three ids' work.
    /// </remarks>
    /// <exception cref="ConflictingJobIdException">Two jobs have the same id.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRange(ReadOnlySpan<JobDefinition> batch, ScheduledJob[] jobs, ref int added)
    {
        // The hashes of the ids asked ahead, in a ring: hashes[i % Ahead] is the hash of batch[i].
        Span<int> hashes = stackalloc int[Ahead];
        int first = added;
        for (int i = first; i < Math.Min(batch.Length, first + Ahead); i++)
        {
            hashes[i % Ahead] = _byId.HashAndPrefetch(batch[i].Id);
        }

        while (added < batch.Length)
        {
            int hash = hashes[added % Ahead];
            int ahead = added + Ahead;
            if (ahead < batch.Length)
            {
                hashes[ahead % Ahead] = _byId.HashAndPrefetch(batch[ahead].Id);
            }

            jobs[added] = Add(batch[added], hash);
            added++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ScheduledJob Add(JobDefinition definition, int hash)
    {
        // A free slot is taken only once the id is known to be free.
        int slot = _freeSlots.TryPeek(out int free) ? free : _slots.Count;
        if (!_byId.TryAdd(definition.Id, hash, slot))
        {
            throw new ConflictingJobIdException(
                $"Two jobs have the id \"{definition.Id}\". Job ids must be unique: give one of them another Name.")
            {
                JobId = definition.Id,
            };
        }

        if (slot < _slots.Count)
        {
            _freeSlots.Pop();
        }

        AnyNeedsServices |= definition.NeedsServices;
        var job = new ScheduledJob(definition, slot);
        if (slot == _slots.Count)
        {
            _slots.Add(job);
        }
        else
        {
            _slots[slot] = job;
        }

        return job;
    }

    /// <summary>Makes room for <paramref name="count"/> more jobs at once: a batch grows each structure once, not by doubling.</summary>
    public void EnsureCapacity(int count)
    {
        _slots.EnsureCapacity(_slots.Count + count);
        _byId.EnsureCapacity(count);
        _queue.EnsureCapacity(_slots.Count + count);
    }

    /// <summary>Lays many due instants in O(n), if <paramref name="adding"/> are many: see <see cref="TimerQueue.BeginBulk"/>. Nothing may peek until <see cref="EndBulk"/>.</summary>
    public void BeginBulk(int adding) => _queue.BeginBulk(adding);

    /// <summary>Orders the queue again after <see cref="BeginBulk"/>.</summary>
    public void EndBulk() => _queue.EndBulk();

    /// <summary>Keeps a target without a schedule (a <see cref="JobAttribute"/> method) for jobs added by target.</summary>
    /// <exception cref="ConflictingJobIdException">Another target has the id.</exception>
    public void AddTarget(JobDefinition target)
    {
        AnyNeedsServices |= target.NeedsServices;
        if (!(_targets ??= new Dictionary<string, JobDefinition>(StringComparer.Ordinal)).TryAdd(target.Id, target))
        {
            throw new ConflictingJobIdException($"Two [Job] targets have the id \"{target.Id}\". Target ids must be unique: give one of them another Name.")
            {
                JobId = target.Id,
            };
        }
    }

    public bool TryFindTarget(string id, out JobDefinition target)
    {
        target = null!;
        return _targets is not null && _targets.TryGetValue(id, out target!);
    }

    /// <summary>Every job's definition and every target, for checks made once at start.</summary>
    public IEnumerable<JobDefinition> Definitions()
    {
        foreach (var job in _slots)
        {
            if (job is not null)
            {
                yield return job.Definition;
            }
        }

        if (_targets is not null)
        {
            foreach (var target in _targets.Values)
            {
                yield return target;
            }
        }
    }

    /// <summary>Whether a job with this id could be added.</summary>
    public bool Contains(string id) => _byId.TryFind(id, out _);

    public void Remove(ScheduledJob job)
    {
        Unschedule(job);
        job.Grid = null;
        job.Registered = false;
        _byId.Remove(job.Id);
        _slots[job.Slot] = null;
        _freeSlots.Push(job.Slot);
    }

    public bool TryFind(string id, out ScheduledJob job)
    {
        if (_byId.TryFind(id, out int slot))
        {
            job = _slots[slot]!;
            return true;
        }

        job = null!;
        return false;
    }

    /// <exception cref="JobNotFoundException">No job has the id.</exception>
    public ScheduledJob Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (TryFind(id, out var job))
        {
            return job;
        }

        throw new JobNotFoundException($"No job has the id \"{id}\". Ids are Namespace.Type.Method unless the attribute sets Name.")
        {
            JobId = id,
        };
    }

    /// <summary>Puts the job on the schedule at <paramref name="dueTicks"/>, or moves it there.</summary>
    public void Schedule(ScheduledJob job, long dueTicks) => _queue.Set(job.Slot, dueTicks);

    /// <summary>Puts a job on the schedule at <paramref name="dueTicks"/> in bulk mode, as <see cref="Schedule"/> does; small enough to be inlined into a loop over a million jobs.</summary>
    public void Lay(ScheduledJob job, long dueTicks)
    {
        if (!_queue.TryAppend(job.Slot, dueTicks))
        {
            _queue.Set(job.Slot, dueTicks);
        }
    }

    /// <summary>The instant the job is due at on the schedule (jitter included), or <see cref="ScheduledJob.None"/>.</summary>
    public long DueTicks(ScheduledJob job) => job.Registered && _queue.Contains(job.Slot) ? _queue.DueOf(job.Slot) : ScheduledJob.None;

    /// <summary>Takes the job off the schedule; it has no next run.</summary>
    public void Unschedule(ScheduledJob job)
    {
        if (job.Registered)
        {
            _queue.Remove(job.Slot);
        }
    }

    /// <summary>
    /// Asks into the cache what the fires after the next will touch, when they come from the queue's sorted run (its
    /// order is known ahead): far ahead the job's slot and queue position, nearer the job itself, whose address the
    /// slot gives by then. With a million jobs laid in no particular memory order each is a miss of main memory, which
    /// a fire would otherwise wait for one after another.
    /// </summary>
    public void PrefetchComing()
    {
        const int Far = 16, Near = 8;
        if (!CacheHint.IsSupported)
        {
            return;
        }

        var slots = CollectionsMarshal.AsSpan(_slots);
        int far = _queue.PrefetchRunAhead(Far);
        if ((uint)far < (uint)slots.Length)
        {
            CacheHint.Prefetch(ref slots[far]);
        }

        int near = _queue.RunSlotAhead(Near);
        if ((uint)near < (uint)slots.Length)
        {
            slots[near]?.Prefetch();
        }
    }

    /// <summary>The job due first, with its due instant.</summary>
    public bool TryPeek(out long dueTicks, out ScheduledJob job)
    {
        if (_queue.TryPeek(out dueTicks, out int slot))
        {
            job = _slots[slot]!;
            return true;
        }

        job = null!;
        return false;
    }
}
