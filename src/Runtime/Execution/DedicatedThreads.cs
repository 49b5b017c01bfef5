using System;
using System.Collections.Generic;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// The executor for jobs that block (<see cref="JobExecutor.DedicatedThread"/>): a few threads of their own, started
/// as work comes and ended after a minute without any, so that jobs which hold a thread for long never take the
/// thread pool's threads from everything else.
/// </summary>
/// <remarks>When every thread is busy, runs wait in line in the order they were submitted and are judged against
/// their grace time when they start.</remarks>
internal sealed class DedicatedThreads
{
    private static readonly TimeSpan IdleExit = TimeSpan.FromMinutes(1);

    private readonly object _lock = new();
    private readonly Queue<JobRun> _queue = new();
    private readonly TimeProvider _time;
    private readonly int _maxThreads;
    private int _threads;
    private int _waiting;
    private bool _stopped;

    public DedicatedThreads(TimeProvider time, int maxThreads)
    {
        _time = time;
        _maxThreads = maxThreads;
    }

    public void Queue(JobRun run)
    {
        lock (_lock)
        {
            _queue.Enqueue(run);
            if (_waiting > 0)
            {
                // Counted off here, not by the thread it wakes, so a second run queued before that thread runs starts another.
                _waiting--;
                Monitor.Pulse(_lock);
                return;
            }

            if (_threads >= _maxThreads)
            {
                return;
            }

            _threads++;
        }

        new Thread(static state => ((DedicatedThreads)state!).Work())
        {
            IsBackground = true,
            Name = "GenScheduler blocking jobs",
        }.UnsafeStart(this);
    }

    public void Stop()
    {
        lock (_lock)
        {
            _stopped = true;
            Monitor.PulseAll(_lock);
        }
    }

    private void Work()
    {
        while (true)
        {
            JobRun run;
            lock (_lock)
            {
                while (_queue.Count == 0)
                {
                    if (_stopped)
                    {
                        _threads--;
                        return;
                    }

                    _waiting++;
                    if (!Monitor.Wait(_lock, IdleExit))
                    {
                        _waiting--;
                        if (_queue.Count == 0)
                        {
                            _threads--;
                            return;
                        }
                    }
                }

                run = _queue.Dequeue();
            }

            var clock = new RunClock(_time);
            run.Execute(ref clock);
        }
    }
}
