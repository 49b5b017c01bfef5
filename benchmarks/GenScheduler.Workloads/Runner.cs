using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace GenScheduler.Workloads;

/// <summary>
/// The parent side: runs every (scenario, peer) in a fresh child process, the peers interleaved within each repetition
/// so that a busy moment of the machine hits all of them alike, then prints the medians with their ratio to the hand
/// heap of the same run.
/// </summary>
internal static class Runner
{
    public static int Run(IReadOnlyList<Scenario> scenarios, IReadOnlyList<string>? peers, int repetitions, TextWriter report)
    {
        var results = new Dictionary<(string Scenario, string Peer), List<Dictionary<string, double>>>();
        for (int rep = 1; rep <= repetitions; rep++)
        {
            foreach (var scenario in scenarios)
            {
                foreach (string peer in peers ?? PeerFactory.For(scenario))
                {
                    Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] repetition {rep}/{repetitions}: {scenario.Name} on {peer}");
                    var result = RunChild(scenario.Name, peer);
                    if (result is null)
                    {
                        return 1;
                    }

                    (results.TryGetValue((scenario.Name, peer), out var list) ? list : results[(scenario.Name, peer)] = []).Add(result);
                }
            }
        }

        Report.Write(report, scenarios, results, repetitions);
        return 0;
    }

    private static Dictionary<string, double>? RunChild(string scenario, string peer)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Runner).Assembly.Location);
        }

        foreach (string argument in new[] { "child", scenario, peer })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        string? line = output.Split('\n').FirstOrDefault(l => l.StartsWith("result ", StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
        {
            Console.Error.WriteLine($"{scenario} on {peer} failed (exit code {child.ExitCode}):\n{output}");
            return null;
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string pair in line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var (key, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            {
                values[key] = number;
            }
        }

        Console.Error.WriteLine("  " + line);
        return values;
    }
}
