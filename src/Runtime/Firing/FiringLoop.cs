using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler;

/// <summary>
/// The scheduler's own thread: waits for the earliest due job, fires every job that is due, and waits again. It never
/// needs a thread-pool thread, so jobs that block every pool thread cannot stop the schedule.
/// </summary>
/// <remarks>
/// <para>It sleeps on a <see cref="LoopAlarm"/> until the next due instant or a <see cref="Wake"/>.</para>
/// <para>Quick jobs run on this thread, after the chunk that fired them (<see cref="InlineRuns"/>); a run that holds
/// it has the <see cref="LoopWatchdog"/> hand the loop to a new thread (<see cref="LoopLease"/>).</para>
/// <para>Work under the lock is bounded: at most <see cref="ChunkSize"/> due jobs per hold, then the lock is released
/// and the outbox flushed, so listing and control calls get in even during a large catch-up.</para>
/// </remarks>
internal sealed class FiringLoop
{
    private const int ChunkSize = 256;
    private const int ShiftChunkSize = 4096;

    // How long an inline run may hold the thread (at least; at most twice that) before a new one takes over; or twice
    // the inline limit, if longer: a run just over the limit is slow (and two in a row send the job to the pool), not a
    // hold, which sends it there for good.
    private static readonly TimeSpan HeldPeriod = TimeSpan.FromMilliseconds(10);

    private readonly Lock _gate;
    private readonly JobRegistry _registry;
    private readonly RunPlanner _planner;
    private readonly RunExecutor _executor;
    private readonly TimeProvider _time;
    private readonly IdleTracker _loopIdle = new();
    private readonly IdleTracker _allIdle;
    private readonly LoopAlarm _alarm;
    private readonly InlineRuns? _inline;
    private readonly ClockWatch _clock;
    private readonly LoopWatchdog? _watchdog;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Outbox? _callerOutbox;
    private LoopLease _lease;
    private StoreLink? _store;
    private int _wakePending;
    private volatile bool _firing;
    private volatile bool _stopping;

    public FiringLoop(Lock gate, JobRegistry registry, RunPlanner planner, RunExecutor executor, IdleTracker allIdle)
    {
        _gate = gate;
        _registry = registry;
        _planner = planner;
        _executor = executor;
        _time = executor.Time;
        _allIdle = allIdle;
        _lease = new LoopLease(new Outbox(executor.Observer));
        _clock = new ClockWatch(_time);
        _alarm = new LoopAlarm(_time);
        if (executor.InlineRunLimit > TimeSpan.Zero)
        {
            _inline = new InlineRuns(executor, executor.InlineRunLimit);
            _watchdog = new LoopWatchdog(this, _inline, TimeSpan.FromTicks(Math.Max(2 * executor.InlineRunLimit.Ticks, HeldPeriod.Ticks)));
            _inline.Watchdog = _watchdog;
        }
    }

    /// <summary>The executor whose runs this loop fires.</summary>
    public RunExecutor Executor => _executor;

    /// <summary>The lease of the thread that is the loop now.</summary>
    public LoopLease Lease => Volatile.Read(ref _lease);

    /// <summary>The store that referees every fire of a stored job; set once, before <see cref="Start"/>.</summary>
    public StoreLink? Store
    {
        set => _store = value;
    }

    /// <summary>Completes when the thread has ended, after <see cref="Stop"/>.</summary>
    public Task Exited => _exited.Task;

    /// <summary>Starts the thread, firing at once.</summary>
    public void Start()
    {
        _firing = true;
        _alarm.Start(static state => ((FiringLoop)state!).Wake(), this);

        // Pending until the first cycle has armed the wait, so a fake clock moved right after Start is not missed.
        Wake();
        StartThread();
    }

    /// <summary>
    /// Called by the watchdog once it has taken the lease from a thread held by a job: a new thread becomes the loop
    /// and fires at once. The held thread's cycle counts as over; that thread ends when its job returns.
    /// </summary>
    public void TakeOver()
    {
        var lease = new LoopLease(new Outbox(_executor.Observer));
        Volatile.Write(ref _lease, lease);

        // Woken before the held cycle stops counting, so nobody waiting for the loop sees it idle in between.
        Wake();
        _loopIdle.Exit();
        _allIdle.Exit();
        StartThread();
    }

    /// <summary>
    /// Asks the thread to look at the heap again: something due earlier was added, a paused scheduler resumed, the
    /// timer fired. Counted as pending work until the thread has handled it, so <see cref="WhenIdle"/> cannot miss it.
    /// </summary>
    public void Wake()
    {
        // Counted before it is flagged, so the loop can never take the flag (and drop the count) before it was counted.
        _loopIdle.Enter();
        _allIdle.Enter();
        if (Interlocked.Exchange(ref _wakePending, 1) != 0)
        {
            // A wake-up was pending already, and is counted: this one adds nothing.
            _loopIdle.Exit();
            _allIdle.Exit();
        }

        _alarm.Ring();
    }

    /// <summary>Stops or resumes firing (the scheduler is paused or resumed). The thread keeps running.</summary>
    public void SetFiring(bool firing)
    {
        _firing = firing;
        Wake();
    }

    /// <summary>Ends the thread after its current cycle.</summary>
    public void Stop()
    {
        _stopping = true;
        Wake();
    }

    /// <summary>
    /// Fires what is due on the calling thread, as a cycle would: for the micro-benchmarks, whose clock moves without
    /// firing its timers so that this thread stays asleep and the benchmark thread plays it. Not for concurrent use.
    /// </summary>
    internal void FireDueOnCallerThread() => FireDue(_callerOutbox ??= new Outbox(_executor.Observer), lease: null);

    /// <summary>Completes when every wake-up so far has been handled and no cycle is running.</summary>
    public Task WhenIdle() => _loopIdle.WhenIdle();

    private void StartThread() =>
        new Thread(static state => ((FiringLoop)state!).Run())
        {
            IsBackground = true,
            Name = "GenScheduler firing loop",
        }.UnsafeStart(this);

    // Optimised at its first call: one pass a burst, so tiering left it (and the lease's getter it calls) for
    // recompiling seconds into a process.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run()
    {
        var lease = Lease;
        try
        {
            while (!_stopping)
            {
                long? due = Cycle(lease);
                if (lease.IsLost)
                {
                    // A job held this thread; another is the loop now, and all of this is its own.
                    return;
                }

                if (!_stopping)
                {
                    _alarm.Wait(due);
                }
            }
        }
        finally
        {
            if (!lease.IsLost)
            {
                End();
            }
        }
    }

    /// <summary>The loop has ended: what the thread that was it last leaves behind.</summary>
    private void End()
    {
        _watchdog?.Stop();
        _alarm.Dispose();
        if (Interlocked.Exchange(ref _wakePending, 0) == 1)
        {
            _loopIdle.Exit();
            _allIdle.Exit();
        }

        _exited.TrySetResult();
    }

    /// <summary>One wake-up: fires what is due and arms the wait for the next due instant, which it returns.</summary>
    private long? Cycle(LoopLease lease)
    {
        _loopIdle.Enter();
        _allIdle.Enter();
        try
        {
            _alarm.Reset();
            if (Interlocked.Exchange(ref _wakePending, 0) == 1)
            {
                _loopIdle.Exit();
                _allIdle.Exit();
            }

            long? due;
            try
            {
                due = FireDue(lease.Outbox, lease);
                if (lease.IsLost)
                {
                    // The watchdog ended this cycle when it took the lease.
                    return null;
                }
            }
#pragma warning disable CA1031 // The loop must outlive any bug below it: report, and try again in a second.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _executor.Observer.LoopFailed(e);
                due = _time.GetUtcNow().UtcTicks + TimeSpan.TicksPerSecond;
            }

            // Armed before this cycle counts as done, so a fake clock moved after that is seen by the timer; and when
            // something is due already, the next cycle is a wake-up still pending, so no waiter sees the loop idle.
            if (!_alarm.Arm(due))
            {
                Wake();
            }

            return due;
        }
        finally
        {
            if (!lease.IsLost)
            {
                _loopIdle.Exit();
                _allIdle.Exit();
            }
        }
    }

    /// <summary>
    /// Fires every job due now, a chunk per hold of the lock, and makes the quick runs on this thread when it holds
    /// <paramref name="lease"/>; the next due instant, or <see langword="null"/> for none (or the lease lost).
    /// </summary>
    private long? FireDue(Outbox outbox, LoopLease? lease)
    {
        var inline = lease is null ? null : _inline;
        bool inlineBegun = false;
        var now = _clock.Read(out long setBack);
        if (setBack > 0)
        {
            ShiftIntervals(setBack);
        }

        while (true)
        {
            bool more;
            long? next;
            try
            {
                if (_store is null)
                {
                    if (!FireChunk(now, outbox, out more, out next))
                    {
                        return null;
                    }
                }
                else
                {
                    // With a store, the chunk and its claims are one step that no control change or resync can split.
                    lock (_store.Gate)
                    {
                        if (!FireChunk(now, outbox, out more, out next))
                        {
                            return null;
                        }

                        if (outbox.HasClaims && _store.Referee(outbox, now))
                        {
                            // Fires were put back (the store is unreachable): the earliest due time may have moved.
                            lock (_gate)
                            {
                                more = _registry.TryPeek(out long dueTicks, out _) && dueTicks <= now.UtcTicks;
                                next = _registry.TryPeek(out dueTicks, out _) ? dueTicks : null;
                            }
                        }
                    }
                }
            }
            finally
            {
                outbox.Flush(_executor, inline);
                if (inline is { HasRuns: true })
                {
                    bool newCycle = !inlineBegun;
                    inlineBegun = true;
                    if (!inline.Run(lease!, newCycle))
                    {
                        more = false;
                        next = null;
                    }
                }
            }

            if (!more)
            {
                return next;
            }
        }
    }

    /// <summary>Fires up to a chunk of due jobs under the lock; <see langword="false"/> when the loop is paused or stopping.</summary>
    private bool FireChunk(DateTimeOffset now, Outbox outbox, out bool more, out long? next)
    {
        more = false;
        next = null;
        lock (_gate)
        {
            if (!_firing || _stopping)
            {
                return false;
            }

            long dueTicks = 0;
            ScheduledJob job = null!;
            for (int fired = 0; fired < ChunkSize && _registry.TryPeek(out dueTicks, out job) && dueTicks <= now.UtcTicks; fired++)
            {
                _registry.PrefetchComing();
                _planner.Fire(job, dueTicks, now, outbox);
            }

            more = _registry.TryPeek(out dueTicks, out _) && dueTicks <= now.UtcTicks;
            if (!more && _registry.TryPeek(out dueTicks, out _))
            {
                next = dueTicks;
            }
        }

        return true;
    }

    /// <summary>The clock was set back: interval jobs move back with it, a chunk of slots per hold of the lock.</summary>
    private void ShiftIntervals(long setBack)
    {
        for (int from = 0; ; from += ShiftChunkSize)
        {
            lock (_gate)
            {
                if (from >= _registry.SlotCount)
                {
                    break;
                }

                _planner.ShiftIntervals(-setBack, from, Math.Min(from + ShiftChunkSize, _registry.SlotCount));
            }
        }

        _executor.Observer.ClockSetBack(TimeSpan.FromTicks(setBack));
    }
}
