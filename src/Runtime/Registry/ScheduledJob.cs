using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// A job as one scheduler holds it: the definition plus this scheduler's state for it. Guarded by the scheduler's
/// lock, except the running count and <see cref="GridTicks"/>, which run threads read without it.
/// </summary>
/// <remarks>
/// What the firing path needs from the trigger (an interval and its end) is copied here, instants are kept as UTC
/// ticks, and the options are read through their object, which most jobs share. With a million jobs coming due in no
/// particular order every object touched per fire is a cache miss: the loop touches this one and the options, not the
/// definition or the trigger, unless the trigger must be asked (cron).
/// </remarks>
internal sealed class ScheduledJob
{
    /// <summary>The value of the grid when there is none, and of a due time when the job is not in the heap.</summary>
    public const long None = long.MinValue;

    private const byte RegisteredFlag = 1, PausedFlag = 2, StoredFlag = 4, StartKeptFlag = 8;

    // 80 bytes with the object header. A million jobs are a million of these, so each field earns its place: what
    // the options say is read through the options object (one shared by most jobs, so hot in the cache), not copied.
    private JobDefinition _definition;
    private JobOptions _options;
    private long _gridTicks = None;
    private long _originTicks; // until the job is first scheduled, its interval's start: see the constructor
    private long _intervalTicks;
    private long _endTicks;
    private int _running;
    private byte _flags;
    private byte _place;

    /// <summary>A job registered in <paramref name="slot"/>: made by the registry as it takes the job in.</summary>
    // Inlined into the loop that registers a batch, for the reason given at ControlCalls.EnsureRuns.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ScheduledJob(JobDefinition definition, int slot)
    {
        Slot = slot;
        Take(definition);
        byte flags = RegisteredFlag;
        if (definition.Trigger is IntervalTrigger interval)
        {
            // Until the job is first scheduled its origin means nothing, so the field keeps the interval's start (or
            // NoInstant) for TryGetIntervalStart: the start lays a million interval jobs from these objects alone, not
            // the definitions and triggers behind them, in a loop bound by how many bytes it reads.
            _originTicks = interval.StartTicks;
            flags |= StartKeptFlag;
        }

        _flags = flags;
    }

    /// <summary>The definition; replaced, never mutated, when the job is rescheduled or modified.</summary>
    public JobDefinition Definition
    {
        get => _definition;
        set
        {
            if (!ReferenceEquals(_definition.Invoker, value.Invoker))
            {
                // Other code: how long its runs take is not known.
                _place = (byte)RunPlace.Undecided;
            }

            ForgetStart();
            Take(value);
        }
    }

    public JobTrigger Trigger => _definition.Trigger;

    /// <summary>The trigger with this job's origin: what the firing path steps through. Made from fields, without touching the trigger.</summary>
    public FireTimes FireTimes => new(_definition, OriginTicks, _intervalTicks, _endTicks);

    public JobInvoker Invoker => _definition.Invoker;

    public TimeSpan? Timeout => _options.Timeout;

    public JobExecutor Executor => _options.Executor;

    public int Slot { get; }

    public string Id => _definition.Id;

    /// <summary>Whether the job is in its scheduler's registry; false once removed, so a late report never names another job's slot.</summary>
    public bool Registered
    {
        get => Has(RegisteredFlag);
        set => Set(RegisteredFlag, value);
    }

    /// <summary>When the job was put on the schedule: interval grids without a start are laid from here.</summary>
    public DateTimeOffset Origin
    {
        get => new(OriginTicks, TimeSpan.Zero);
        set
        {
            // Written over whatever the field kept, so the flag alone is cleared: the start's loop sets a million.
            _originTicks = value.UtcTicks;
            Set(StartKeptFlag, false);
        }
    }

    // The origin, or none yet (tick 0) while the field keeps the interval's start.
    private long OriginTicks => Has(StartKeptFlag) ? 0 : _originTicks;

    /// <summary>The pending run's time on the trigger's own schedule, before jitter; the next one is computed from this, so jitter never accumulates.</summary>
    public DateTimeOffset? Grid
    {
        // Inlined: every fire reads it, and a call returning a nullable costs more than the read.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => GridTicks is var ticks and not None ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        set => Volatile.Write(ref _gridTicks, value is { } grid ? grid.UtcTicks : None);
    }

    /// <summary>
    /// The grid as ticks, or <see cref="None"/>. Written under the lock; read without it by log lines that print the job's
    /// next run, for which a value a moment old is good enough (the due time with jitter is the heap's, under the lock).
    /// </summary>
    public long GridTicks
    {
        get => Volatile.Read(ref _gridTicks);

        // For the start's loop: a DateTimeOffset made only to be taken apart again would check its offset in a call.
        set => Volatile.Write(ref _gridTicks, value);
    }

    /// <summary>The misfire grace time in ticks; <see cref="long.MaxValue"/> for no limit.</summary>
    public long Grace => _options.MisfireGraceTime is { } grace ? grace.Ticks : long.MaxValue;

    public int MaxInstances => _options.MaxInstances;

    public bool RunOnStart => _options.RunOnStart;

    public bool Coalesce => _options.Coalesce;

    public long JitterTicks => _options.Jitter.Ticks;

    public bool Paused
    {
        get => Has(PausedFlag);
        set => Set(PausedFlag, value);
    }

    /// <summary>Whether a job store keeps this job, so its fires are refereed by the store and its changes written to it.</summary>
    public bool Stored
    {
        get => Has(StoredFlag);
        set => Set(StoredFlag, value);
    }

    public int Running => Volatile.Read(ref _running);

    public void RunStarted() => Interlocked.Increment(ref _running);

    public void RunEnded() => Interlocked.Decrement(ref _running);

    /// <summary>Where the job's runs are made; written by the threads that time them, without the lock.</summary>
    public RunPlace Place => (RunPlace)Volatile.Read(ref _place);

    /// <summary>A run on the pool was quick: an undecided job moves to the firing thread.</summary>
    public void RanQuickly() => Interlocked.CompareExchange(ref _place, (byte)RunPlace.FiringThread, (byte)RunPlace.Undecided);

    /// <summary>
    /// A run on the firing thread was not quick: the first time, the job is on notice; the second in a row, it goes back
    /// to the pool, to be timed again. (Compared and swapped: the watchdog may have sent it to the pool for good meanwhile.)
    /// </summary>
    public void RanSlowly()
    {
        byte seen = Volatile.Read(ref _place);
        if (seen == (byte)RunPlace.FiringThread)
        {
            Interlocked.CompareExchange(ref _place, (byte)RunPlace.FiringThreadSlowOnce, seen);
        }
        else if (seen == (byte)RunPlace.FiringThreadSlowOnce)
        {
            Interlocked.CompareExchange(ref _place, (byte)RunPlace.Undecided, seen);
        }
    }

    /// <summary>A run on the firing thread was quick: a job on notice (<see cref="RunPlace.FiringThreadSlowOnce"/>) is no longer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RanQuicklyInline()
    {
        if (Volatile.Read(ref _place) == (byte)RunPlace.FiringThreadSlowOnce)
        {
            Interlocked.CompareExchange(ref _place, (byte)RunPlace.FiringThread, (byte)RunPlace.FiringThreadSlowOnce);
        }
    }

    /// <summary>A run held the firing thread until another took over: the pool, for good.</summary>
    public void HeldFiringThread() => Volatile.Write(ref _place, (byte)RunPlace.ThreadPool);

    /// <summary>
    /// The start of the job's <see cref="IntervalTrigger"/> in UTC ticks (<see cref="IntervalTrigger.NoInstant"/> for
    /// none), with its interval and end, from this object alone, while the job has not been scheduled since it was made;
    /// <see langword="false"/> for any other trigger, or once it has (its definition replaced, its origin set).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetIntervalStart(out long startTicks, out long intervalTicks, out long endTicks)
    {
        startTicks = _originTicks;
        intervalTicks = _intervalTicks;
        endTicks = _endTicks;
        return Has(StartKeptFlag);
    }

    /// <summary>Asks this object's memory into the cache: both lines it may straddle (see <see cref="CacheHint"/>).</summary>
    public void Prefetch()
    {
        CacheHint.Prefetch(ref _definition);
        CacheHint.Prefetch(ref _place);
    }

    /// <summary>Moves the job's grid and origin by <paramref name="ticks"/>: an interval job keeping elapsed time across a clock step.</summary>
    public void Shift(long ticks)
    {
        if (_gridTicks != None)
        {
            Volatile.Write(ref _gridTicks, _gridTicks + ticks);
        }

        ForgetStart();
        _originTicks += ticks;
    }

    // The definition and what the firing path keeps of it: its options, and an interval's step and end.
    [MemberNotNull(nameof(_definition), nameof(_options))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Take(JobDefinition definition)
    {
        _definition = definition;
        _options = definition.Options;
        (_intervalTicks, _endTicks) = FireTimes.IntervalOf(definition.Trigger);
    }

    // The field stops keeping the interval's start, and reads as the unset origin (tick 0) until an origin is set.
    private void ForgetStart()
    {
        if (Has(StartKeptFlag))
        {
            _originTicks = 0;
            Set(StartKeptFlag, false);
        }
    }

    // The flags are written under the scheduler's lock only; a run thread may read one a moment old, as before.
    private bool Has(byte flag) => (Volatile.Read(ref _flags) & flag) != 0;

    private void Set(byte flag, bool on) => Volatile.Write(ref _flags, (byte)(on ? _flags | flag : _flags & ~flag));
}
