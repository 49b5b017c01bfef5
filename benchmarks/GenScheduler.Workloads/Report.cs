using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace GenScheduler.Workloads;

/// <summary>The runner's tables, in Markdown: per scenario a row per peer, each figure a median with its ratio to the hand heap.</summary>
internal static class Report
{
    private static readonly Dictionary<string, (string Title, string[] Columns)> Layouts = new(StringComparer.Ordinal)
    {
        ["storm"] = ("Storm", ["cpu_s_per_1000_fires", "bytes_per_fire", "lateness_p50_ms", "lateness_p99_ms", "fires"]),
        ["precision"] = ("Precision", ["lateness_p50_ms", "lateness_p99_ms", "cpu_s", "bytes_per_fire", "fires"]),
        ["idle"] = ("Idle", ["bytes_per_job", "peer_bytes_per_job", "held_bytes_per_job", "idle_cpu_s", "registration_s", "start_ms"]),
        ["scale"] = ("Scale", ["registration_s", "add_only_s", "start_ms", "idle_cpu_s", "bytes_per_job", "held_bytes_per_job"]),
    };

    public static void Write(TextWriter w, IReadOnlyList<Scenario> scenarios, Dictionary<(string Scenario, string Peer), List<Dictionary<string, double>>> results, int repetitions)
    {
        w.WriteLine($"Medians of {repetitions} repetition(s), one process per run; in brackets, the ratio to the hand heap of the same run.");
        foreach (var scenario in scenarios)
        {
            var (title, columns) = Layouts[scenario.Name];
            var peers = results.Keys.Where(k => k.Scenario == scenario.Name).Select(k => k.Peer).ToList();
            w.WriteLine();
            w.WriteLine($"### {title}: {scenario.Description}");
            w.WriteLine();
            w.WriteLine("| peer | " + string.Join(" | ", columns) + " |");
            w.WriteLine("|---|" + string.Concat(columns.Select(_ => "---:|")));
            foreach (string peer in peers)
            {
                var cells = columns.Select(c => Cell(results, scenario.Name, peer, c));
                w.WriteLine($"| {peer} | " + string.Join(" | ", cells) + " |");
            }
        }
    }

    public static double? Median(Dictionary<(string Scenario, string Peer), List<Dictionary<string, double>>> results, string scenario, string peer, string column)
    {
        if (!results.TryGetValue((scenario, peer), out var runs))
        {
            return null;
        }

        var values = runs.Where(r => r.ContainsKey(column)).Select(r => r[column]).Order().ToList();
        if (values.Count == 0)
        {
            return null;
        }

        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private static string Cell(Dictionary<(string Scenario, string Peer), List<Dictionary<string, double>>> results, string scenario, string peer, string column)
    {
        if (Median(results, scenario, peer, column) is not { } value)
        {
            return "n/a";
        }

        string text = value.ToString(Math.Abs(value) >= 100 ? "N0" : "G3", CultureInfo.InvariantCulture);
        if (column == "fires" || peer == PeerFactory.HandHeap || Median(results, scenario, PeerFactory.HandHeap, column) is not { } baseline)
        {
            return text;
        }

        return baseline > 0 ? $"{text} ({(value / baseline).ToString("0.0#", CultureInfo.InvariantCulture)}×)" : text;
    }
}
