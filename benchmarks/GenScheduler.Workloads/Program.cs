using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace GenScheduler.Workloads;

internal static class Program
{
    /// <summary>
    /// <c>[scenario ...] [--reps N] [--peers a,b] [--out file.md]</c> runs scenarios (all by default: storm, precision,
    /// idle, scale), each in a child process per peer, and prints the tables; <c>child scenario peer</c> is one such run.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "child")
        {
            return await Workload.Run(Scenario.Named(args[1]), args[2]);
        }

        int reps = 2;
        string[]? peers = null;
        string? output = null;
        var scenarios = new System.Collections.Generic.List<Scenario>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--reps":
                    reps = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--peers":
                    peers = args[++i].Split(',');
                    break;
                case "--out":
                    output = args[++i];
                    break;
                default:
                    scenarios.Add(Scenario.Named(args[i]));
                    break;
            }
        }

        if (scenarios.Count == 0)
        {
            scenarios.AddRange(Scenario.All);
        }

        using var report = new StringWriter();
        int status = Runner.Run(scenarios, peers, reps, report);
        Console.Write(report.ToString());
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return status;
    }
}
