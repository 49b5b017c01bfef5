using Microsoft.Extensions.Logging.Abstractions;
using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace GenScheduler.Benchmarks;

/// <summary>
/// Bytes kept alive per job, as the bytes that survive a full blocking compacting collection
/// (<see cref="GCMemoryInfo.PromotedBytes"/>) before and after each step: the job table the user builds, then the
/// scheduler that holds it, started. Also the bytes that constructor + Start allocated on this thread, which
/// include what the growing collections allocated and dropped (the number <see cref="RegistrationBenchmarks"/> reports).
/// </summary>
internal static class RetainedMemory
{
    public static int Run(ReadOnlySpan<string> args)
    {
        int[] sizes = args.Length == 0 ? [1_000, 100_000, 1_000_000] : ParseAll(args);
        Console.WriteLine("| N | Job table, live (user side) | Scheduler + Start, live (scheduler side) | Scheduler + Start, allocated |");
        Console.WriteLine("|---:|---:|---:|---:|");
        foreach (int n in sizes)
        {
            var (table, scheduler, allocated) = Measure(n);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n:N0} | {table / (double)n:N1} B/job | {scheduler / (double)n:N1} B/job | {allocated / (double)n:N1} B/job |"));
        }

        return 0;
    }

    // Not inlined, so that nothing from one size is still reachable from the caller's frame when the next is measured.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (long Table, long Scheduler, long Allocated) Measure(int n)
    {
        long before = LiveBytes();
        var jobs = JobTables.Plain(n);
        long withTable = LiveBytes();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var scheduler = new Scheduler(jobs, new SchedulerOptions { TimeProvider = TimeProvider.System, Logger = NullLogger.Instance });
        scheduler.Start();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        long withScheduler = LiveBytes();
        scheduler.ShutdownAsync().GetAwaiter().GetResult();
        GC.KeepAlive(jobs);
        GC.KeepAlive(scheduler);
        return (withTable - before, withScheduler - withTable, allocated);
    }

    /// <summary>Bytes that survive a full, blocking, compacting collection.</summary>
    private static long LiveBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetGCMemoryInfo(GCKind.FullBlocking).PromotedBytes;
    }

    private static int[] ParseAll(ReadOnlySpan<string> args)
    {
        var sizes = new int[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            sizes[i] = int.Parse(args[i], CultureInfo.InvariantCulture);
        }

        return sizes;
    }
}
