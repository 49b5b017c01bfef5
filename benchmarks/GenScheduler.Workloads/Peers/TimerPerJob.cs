using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Workloads;

/// <summary>
/// One <see cref="System.Threading.Timer"/> per job, re-armed after each run for the next point of its grid (a periodic
/// timer would drift by each run's lateness). The runtime's timer queue does the scheduling; bodies run on the thread pool.
/// </summary>
internal sealed class TimerPerJob : IPeer
{
    private readonly List<TimerJob> _jobs = [];
    public void Add(int count, TimeSpan interval, Func<int, DateTimeOffset> firstDue)
    {
        _jobs.Capacity = count;
        for (int i = 0; i < count; i++)
        {
            _jobs.Add(new TimerJob(firstDue(i).UtcTicks, interval.Ticks));
        }
    }

    public Task StartAsync()
    {
        foreach (var job in _jobs)
        {
            job.Arm();
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var job in _jobs)
        {
            job.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private sealed class TimerJob : IDisposable
    {
        private readonly Timer _timer;
        private readonly long _interval;
        private long _due;

        public TimerJob(long due, long interval)
        {
            _due = due;
            _interval = interval;
            _timer = new Timer(static state => ((TimerJob)state!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
        }

        public void Arm() => _timer.Change(DelayMs(_due), Timeout.Infinite);

        public void Dispose() => _timer.Dispose();

        private void Fire()
        {
            long scheduled = _due;
            _due += _interval;
            Probe.Ran(scheduled);
            _timer.Change(DelayMs(_due), Timeout.Infinite);
        }

        private static long DelayMs(long due) =>
            Math.Max(0, (due - DateTime.UtcNow.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond);
    }
}
