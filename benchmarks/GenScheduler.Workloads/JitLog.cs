using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace GenScheduler.Workloads;

/// <summary>
/// Which methods the runtime compiles while a run measures, and how long each compile took: on with
/// <c>GENSCHEDULER_JIT=1</c> in a child run. A young process's CPU is partly the JIT's (tiered compilation compiles hot
/// methods again, on a thread of its own); this says which. It prints the compiles inside the window, longest first,
/// and the total before and inside it (with <c>GENSCHEDULER_JIT_ALL=1</c>, GenScheduler's compiles of the whole run instead).
/// Tiers as the runtime numbers them: 2 optimised at once, 3 first tier, 4 last tier, 5 on-stack replacement, 6 first
/// tier with a profile, 7 optimised with a profile (precompiled code of the framework on its way up). Its own events
/// cost CPU, so a run with it on does not give the CPU per fire.
/// </summary>
internal sealed class JitLog : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private readonly ConcurrentDictionary<(ulong Thread, ulong Method), DateTime> _started = new();
    private readonly ConcurrentQueue<(DateTime At, double Ms, string Name, int Tier, int IlSize)> _compiles = new();
    private readonly ConcurrentDictionary<ulong, int> _ilSizes = new();
    private DateTime _windowStart = DateTime.MaxValue;

    public static JitLog? FromEnvironment() =>
        Environment.GetEnvironmentVariable("GENSCHEDULER_JIT") == "1" ? new JitLog() : null;

    public void Record() => _windowStart = DateTime.UtcNow;

    public void Print()
    {
        var windowEnd = DateTime.UtcNow;
        var all = _compiles.ToArray();
        var inside = all.Where(c => c.At >= _windowStart && c.At <= windowEnd).ToArray();
        Console.WriteLine($"jit before the window: {all.Count(c => c.At < _windowStart)} compiles, " +
            $"{all.Where(c => c.At < _windowStart).Sum(c => c.Ms):F1} ms; inside: {inside.Length} compiles, {inside.Sum(c => c.Ms):F1} ms");
        var scheduler = all.Where(c => c.Name.StartsWith("GenScheduler.", StringComparison.Ordinal) &&
            !c.Name.StartsWith("GenScheduler.Workloads", StringComparison.Ordinal)).ToArray();
        Console.WriteLine($"jit of GenScheduler's own methods: {scheduler.Length} compiles, {scheduler.Sum(c => c.Ms):F1} ms; by tier: " +
            string.Join(", ", scheduler.GroupBy(c => c.Tier).OrderBy(g => g.Key).Select(g => $"tier {g.Key} {g.Count()} / {g.Sum(c => c.Ms):F1} ms")));
        foreach (var c in (Environment.GetEnvironmentVariable("GENSCHEDULER_JIT_ALL") == "1" ? scheduler : inside).OrderByDescending(c => c.Ms).Take(40))
        {
            Console.WriteLine($"jit {c.Ms,7:F2} ms  tier {c.Tier}  IL {c.IlSize,5}  at {(c.At - _windowStart).TotalSeconds:+0.00;-0.00} s  {c.Name}");
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, JitKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.Payload is null || e.PayloadNames is null)
        {
            return;
        }

        int id = e.PayloadNames.IndexOf("MethodID");
        if (id < 0)
        {
            return;
        }

        ulong method = (ulong)e.Payload[id]!;
        ulong thread = (ulong)e.OSThreadId;
        if (e.EventName?.StartsWith("MethodJittingStarted", StringComparison.Ordinal) == true)
        {
            _started[(thread, method)] = e.TimeStamp;
            _ilSizes[method] = Convert.ToInt32(e.Payload[e.PayloadNames.IndexOf("MethodILSize")]);
        }
        else if (e.EventName?.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) == true &&
                 _started.TryRemove((thread, method), out var began))
        {
            uint flags = Convert.ToUInt32(e.Payload[e.PayloadNames.IndexOf("MethodFlags")]);
            string name = $"{e.Payload[e.PayloadNames.IndexOf("MethodNamespace")]}::{e.Payload[e.PayloadNames.IndexOf("MethodName")]}";
            _compiles.Enqueue((e.TimeStamp, (e.TimeStamp - began).TotalMilliseconds, name, (int)((flags >> 7) & 0x7),
                _ilSizes.TryGetValue(method, out int il) ? il : -1));
        }
    }
}
