using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Linq;

namespace GenScheduler.Workloads;

/// <summary>
/// Which types a run allocates, sampled: the runtime reports about one allocation in every 100 KB with its type.
/// On with <c>GENSCHEDULER_ALLOCATIONS=1</c> in a child run; it prints the sampled types at the end, most first.
/// The sampler's own events allocate too, so a run with it on does not give the bytes per fire.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public static AllocationSampler? FromEnvironment() =>
        Environment.GetEnvironmentVariable("GENSCHEDULER_ALLOCATIONS") == "1" ? new AllocationSampler() : null;

    public void Record() => _recording = true;

    public void Print()
    {
        _recording = false;
        foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(15))
        {
            Console.WriteLine($"allocated ~{bytes / 1024,8} KB  {type}");
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }

        int typeName = e.PayloadNames!.IndexOf("TypeName");
        int amount = e.PayloadNames.IndexOf("AllocationAmount64");
        if (typeName >= 0 && amount >= 0)
        {
            _bytes.AddOrUpdate((string)e.Payload[typeName]!, (ulong)e.Payload[amount]! is var a ? (long)a : 0, (_, old) => old + (long)(ulong)e.Payload[amount]!);
        }
    }
}
