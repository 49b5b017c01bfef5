using System;

namespace GenScheduler.Workloads;

/// <summary>The implementations by name, as the runner passes them to a child process.</summary>
internal static class PeerFactory
{
    public const string HandHeap = "hand-heap";

    /// <summary>Every peer; the GenScheduler variants after the first differ in the kind of job or in how they are added.</summary>
    public static readonly string[] Names =
    [
        HandHeap, "timer", "quartz", "coravel", "genscheduler",
        "genscheduler-async", "genscheduler-async-method", "genscheduler-delegate", "genscheduler-timeout", "genscheduler-meterlistener",
        "genscheduler-addjobs",
    ];

    public static IPeer Create(string name) => name switch
    {
        HandHeap => new HandHeap(),
        "timer" => new TimerPerJob(),
        "quartz" => new QuartzPeer(),
        "coravel" => new CoravelPeer(),
        "genscheduler" => new GenSchedulerPeer(JobKind.Context, batch: false, meterListener: false),
        "genscheduler-async" => new GenSchedulerPeer(JobKind.Async, batch: false, meterListener: false),
        "genscheduler-async-method" => new GenSchedulerPeer(JobKind.AsyncMethod, batch: false, meterListener: false),
        "genscheduler-delegate" => new GenSchedulerPeer(JobKind.Delegate, batch: false, meterListener: false),
        "genscheduler-timeout" => new GenSchedulerPeer(JobKind.Timeout, batch: false, meterListener: false),
        "genscheduler-meterlistener" => new GenSchedulerPeer(JobKind.Context, batch: false, meterListener: true),
        "genscheduler-addjobs" => new GenSchedulerPeer(JobKind.Context, batch: true, meterListener: false),
        _ => throw new ArgumentException($"No peer \"{name}\"; there are: {string.Join(", ", Names)}."),
    };

    /// <summary>Which peers a scenario runs by default.</summary>
    public static string[] For(Scenario scenario) => scenario.Name switch
    {
        "storm" => [HandHeap, "timer", "quartz", "coravel", "genscheduler", "genscheduler-async", "genscheduler-async-method", "genscheduler-delegate", "genscheduler-timeout", "genscheduler-meterlistener"],
        "precision" => [HandHeap, "timer", "quartz", "genscheduler"],
        "scale" => [HandHeap, "timer", "quartz", "coravel", "genscheduler", "genscheduler-addjobs"],
        _ => [HandHeap, "timer", "quartz", "coravel", "genscheduler"],
    };
}
