using System;
using System.Threading;

namespace GenScheduler.Workloads;

/// <summary>
/// What every job body calls, whatever the library: counts the run and, for runs scheduled inside the measured window,
/// keeps its start lateness (start minus the library's own scheduled time). Preallocated and lock-free, so the probe
/// adds no allocation and no contention to the fire it measures.
/// </summary>
internal static class Probe
{
    private static long[] _lateness = [];
    private static long _windowStart = long.MaxValue;
    private static long _runs;
    private static int _samples;

    /// <summary>Every run so far, in or out of the window.</summary>
    public static long Runs => Volatile.Read(ref _runs);

    /// <summary>Makes room for <paramref name="capacity"/> lateness samples of runs scheduled at or after <paramref name="windowStart"/>.</summary>
    public static void Prepare(int capacity, DateTimeOffset windowStart)
    {
        _lateness = new long[capacity];
        _samples = 0;
        Volatile.Write(ref _windowStart, windowStart.UtcTicks);
    }

    /// <summary>A run started; it was scheduled for <paramref name="scheduledUtcTicks"/>.</summary>
    public static void Ran(long scheduledUtcTicks)
    {
        long now = DateTime.UtcNow.Ticks;
        Interlocked.Increment(ref _runs);
        if (scheduledUtcTicks >= Volatile.Read(ref _windowStart))
        {
            int index = Interlocked.Increment(ref _samples) - 1;
            if (index < _lateness.Length)
            {
                _lateness[index] = now - scheduledUtcTicks;
            }
        }
    }

    /// <summary>A run of a job that cannot tell its scheduled time (a plain delegate): counted only.</summary>
    public static void Ran() => Interlocked.Increment(ref _runs);

    /// <summary>The lateness percentiles in milliseconds of the samples so far; <see langword="null"/> without samples.</summary>
    public static (double P50, double P99)? Percentiles()
    {
        int count = Math.Min(Volatile.Read(ref _samples), _lateness.Length);
        if (count == 0)
        {
            return null;
        }

        var sorted = _lateness.AsSpan(0, count).ToArray();
        Array.Sort(sorted);
        return (Ms(sorted[(int)(count * 0.50)]), Ms(sorted[Math.Min(count - 1, (int)(count * 0.99))]));
    }

    private static double Ms(long ticks) => Math.Max(0, ticks) / (double)TimeSpan.TicksPerMillisecond;
}
