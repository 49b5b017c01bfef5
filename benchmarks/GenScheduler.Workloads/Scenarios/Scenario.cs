using System;

namespace GenScheduler.Workloads;

/// <summary>
/// A workload: how many interval jobs, how often, when each is first due (relative to a start instant on a whole
/// second), and what is measured. The measured window of a firing scenario is [start + WarmUp, start + WarmUp + Seconds]:
/// the fires before it are warm-up, long enough for the runtime's tiered compilation to have finished with the methods
/// called per fire (it recompiles hot methods in the background after their first 30 calls and a 100 ms quiet period),
/// not with those called once per wake-up (see <see cref="WarmUp"/>).
/// </summary>
internal sealed record Scenario(string Name, string Description, int Jobs, TimeSpan Interval, Func<int, TimeSpan> Offset, double Seconds, bool Fires)
{
    /// <summary>
    /// Seconds of firing before the measured window: 3.5, or <c>GENSCHEDULER_WARMUP_S</c>. Methods called once per
    /// wake-up (once a second in the storm) reach their last tier only after a minute or so, so a steady state needs
    /// about 90 s; the default keeps the whole run short and measures what a process a few seconds old does.
    /// </summary>
    public static readonly double WarmUp =
        double.TryParse(Environment.GetEnvironmentVariable("GENSCHEDULER_WARMUP_S"), System.Globalization.CultureInfo.InvariantCulture, out double s) && s >= 0 ? s : 3.5;

    public static readonly Scenario[] All =
    [
        new("storm", "10,000 jobs due together every second, for 10 s", 10_000, TimeSpan.FromSeconds(1), static _ => TimeSpan.Zero, 10, Fires: true),
        new("precision", "100 jobs every 100 ms, 1 ms apart, for 10 s", 100, TimeSpan.FromMilliseconds(100), static i => TimeSpan.FromMilliseconds(i), 10, Fires: true),
        new("idle", "100,000 jobs first due in 1 h", 100_000, TimeSpan.FromHours(1), static i => TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(i % 1000), 2, Fires: false),
        new("scale", "1,000,000 jobs first due in 1 h", 1_000_000, TimeSpan.FromHours(1), static i => TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(i % 1000), 2, Fires: false),
    ];

    public static Scenario Named(string name) =>
        Array.Find(All, s => s.Name == name) ?? throw new ArgumentException($"No scenario \"{name}\"; there are: {string.Join(", ", Array.ConvertAll(All, s => s.Name))}.");
}
