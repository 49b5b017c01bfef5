using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Workloads;

/// <summary>
/// The baseline: what one would write by hand. One thread, a <see cref="PriorityQueue{TElement, TPriority}"/> of jobs
/// by due instant, <see cref="Monitor.Wait(object, int)"/> until the earliest, bodies run inline on that thread. No
/// misfire rules, no concurrency limits, no isolation of a slow job: the floor a scheduler's cost is measured against.
/// </summary>
internal sealed class HandHeap : IPeer
{
    private readonly PriorityQueue<Job, long> _queue = new();
    private readonly object _gate = new();
    private readonly Thread _thread;
    private volatile bool _stopping;

    public HandHeap() => _thread = new Thread(Run) { IsBackground = true, Name = "hand heap" };

    public void Add(int count, TimeSpan interval, Func<int, DateTimeOffset> firstDue)
    {
        lock (_gate)
        {
            for (int i = 0; i < count; i++)
            {
                long due = firstDue(i).UtcTicks;
                _queue.Enqueue(new Job(interval.Ticks), due);
            }
        }
    }

    public Task StartAsync()
    {
        _thread.Start();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _stopping = true;
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }

        _thread.Join();
        return ValueTask.CompletedTask;
    }

    private void Run()
    {
        lock (_gate)
        {
            while (!_stopping)
            {
                long now = DateTime.UtcNow.Ticks;
                if (!_queue.TryPeek(out var job, out long due))
                {
                    Monitor.Wait(_gate);
                    continue;
                }

                if (due > now)
                {
                    Monitor.Wait(_gate, (int)Math.Min(int.MaxValue, (due - now + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond));
                    continue;
                }

                _queue.DequeueEnqueue(job, due + job.Interval);
                Probe.Ran(due);
            }
        }
    }

    private sealed record Job(long Interval);
}
