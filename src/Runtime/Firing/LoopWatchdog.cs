using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// Keeps a job run inline from stopping the schedule: a thread that looks, once a period, at the run the firing thread
/// is making, and when the same run is still in progress a period later, takes the <see cref="LoopLease"/> from it. The
/// runs not started go to the pool, the job to the pool for good, and a new thread carries on with the schedule.
/// </summary>
/// <remarks>
/// It costs nothing while nothing runs inline: it parks at the first look that finds no run in progress and no firing
/// cycle begun since the look before, and the firing thread wakes it with the first run of the next batch, so a cycle
/// of inline runs shorter than a period (a storm's second) costs it two wake-ups. Started with the first inline run,
/// so a scheduler whose jobs never run inline has no such thread.
/// </remarks>
internal sealed class LoopWatchdog
{
    private readonly FiringLoop _loop;
    private readonly InlineRuns _inline;
    private readonly TimeSpan _period;
    private readonly int _periodMilliseconds;
    private readonly WakeFlag _signal = new();
    private bool _started;
    private volatile bool _parked;
    private volatile bool _stopped;

    public LoopWatchdog(FiringLoop loop, InlineRuns inline, TimeSpan period)
    {
        _loop = loop;
        _inline = inline;
        _period = period;
        _periodMilliseconds = (int)Math.Ceiling(period.TotalMilliseconds);
    }

    /// <summary>
    /// Called by the firing thread after it marked the first run of a batch begun (a full fence): starts or wakes the
    /// watchdog. The parked flag is read after the mark and set before the watchdog's last look, so one of the two sees the other.
    /// </summary>
    // Optimised at their first call, as the waits they make: called once or twice a burst, tiering recompiled them (and
    // the lease's getters, for want of inlining) seconds into a process.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Watch()
    {
        if (!_started)
        {
            // Only the thread that holds the lease gets here, and a lease passes on through the watchdog itself.
            _started = true;
            new Thread(static state => ((LoopWatchdog)state!).Run())
            {
                IsBackground = true,
                Name = "GenScheduler watchdog",
            }.UnsafeStart(this);
            return;
        }

        if (_parked)
        {
            _parked = false;
            _signal.Raise();
        }
    }

    /// <summary>Ends the watchdog: the loop has ended.</summary>
    public void Stop()
    {
        _stopped = true;
        _signal.Raise();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run()
    {
        var lease = _loop.Lease;
        int seenRunning = lease.Running, seenCycles = lease.Cycles;
        while (true)
        {
            if (_signal.Wait(_periodMilliseconds))
            {
                // Stopped, or a wake-up that crossed a park: this was no whole period, so it starts one.
                _signal.Lower();
            }
            else if (ReferenceEquals(_loop.Lease, lease))
            {
                int running = lease.Running;
                if (running > 0 && running == seenRunning && lease.TryTake(running))
                {
                    TakeOver();
                }
                else if (running == 0 && lease.Cycles == seenCycles)
                {
                    Park(lease, seenCycles);
                }
            }

            if (_stopped)
            {
                return;
            }

            lease = _loop.Lease;
            seenRunning = lease.Running;
            seenCycles = lease.Cycles;
        }
    }

    /// <summary>Waits for the next inline batch: no cycle has made one for a whole period, and no run is in progress.</summary>
    private void Park(LoopLease lease, int cycles)
    {
        _parked = true;
        Interlocked.MemoryBarrier();
        if (lease.Cycles != cycles || lease.Running != 0 || _stopped)
        {
            // A batch began while parking: whether or not it saw the flag, keep looking.
            _parked = false;
            return;
        }

        _signal.Wait(Timeout.Infinite);
        _signal.Lower();
    }

    /// <summary>The lease is ours: the job is judged, its batch handed on, and a new thread started.</summary>
    private void TakeOver()
    {
        var job = _inline.Current!;
        job.HeldFiringThread();

        // Said first, so that whoever sees the schedule go on can read why (a logger is as quick as on the firing thread).
        _loop.Executor.Observer.FiringThreadHeld(job, _period);
        _inline.HandOver(_loop.Executor);
        _loop.TakeOver();
    }
}
