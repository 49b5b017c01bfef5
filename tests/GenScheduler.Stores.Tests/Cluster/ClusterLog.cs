using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GenScheduler.Stores.Tests.Cluster;

/// <summary>What the nodes of a cluster printed, as facts: runs (job, scheduled ticks, attempt, node) and abandoned runs.</summary>
internal sealed class ClusterLog
{
    public ClusterLog(IEnumerable<NodeProcess> nodes)
    {
        foreach (var node in nodes)
        {
            foreach (string line in node.Lines)
            {
                var parts = line.Split(' ');
                if (parts[0] is "run" or "start")
                {
                    Runs.Add(new Run(parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture), parts[4]));
                }
                else if (parts[0] == "abandoned")
                {
                    Abandoned.Add((parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture)));
                }
                else if (parts[0] is "skipped" or "missed")
                {
                    Reported.Add((parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture)));
                }
                else if (line.StartsWith("stderr: ", StringComparison.Ordinal) || line.StartsWith("store error", StringComparison.Ordinal))
                {
                    Errors.Add($"{node.Id}: {line}");
                }
            }
        }
    }

    public List<Run> Runs { get; } = [];

    public List<(string Job, long Ticks)> Abandoned { get; } = [];

    /// <summary>Occurrences a node fired but did not run, and said so: skipped for max instances, or missed.</summary>
    public List<(string Job, long Ticks)> Reported { get; } = [];

    public List<string> Errors { get; } = [];

    /// <summary>Occurrences (job, scheduled time) that started more than once with the same attempt: what must never happen.</summary>
    public IEnumerable<string> Doubled() =>
        Runs.GroupBy(r => (r.Job, r.Ticks, r.Attempt)).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Job} at {g.Key.Ticks} attempt {g.Key.Attempt} on {string.Join(", ", g.Select(r => r.Node))}");

    /// <summary>
    /// The grid points of <paramref name="job"/> between its first and last run that no node ran, and none reported
    /// abandoned, skipped or missed: occurrences lost without a word.
    /// </summary>
    public IEnumerable<long> Missing(string job, TimeSpan interval)
    {
        var ran = Runs.Where(r => r.Job == job).Select(r => r.Ticks).ToHashSet();
        var abandoned = Abandoned.Concat(Reported).Where(a => a.Job == job).Select(a => a.Ticks).ToHashSet();
        if (ran.Count == 0)
        {
            yield break;
        }

        for (long t = ran.Min(); t <= ran.Max(); t += interval.Ticks)
        {
            if (!ran.Contains(t) && !abandoned.Contains(t))
            {
                yield return t;
            }
        }
    }

    public readonly record struct Run(string Job, long Ticks, int Attempt, string Node);
}
