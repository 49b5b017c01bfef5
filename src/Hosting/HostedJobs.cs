using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace GenScheduler.Hosting;

/// <summary>
/// The job table <c>AddGenScheduler</c> was given, as a service, and the id lookup that configuration keys and code
/// overrides are checked against. The lookup is made on first use only, so an app without overrides pays nothing for it.
/// </summary>
internal sealed class HostedJobs(IReadOnlyList<JobDefinition> jobs)
{
    // Past this many jobs, a misspelt id gets no "did you mean": comparing it with every id would cost too much.
    private const int SuggestionLimit = 10_000;

    private Dictionary<string, JobDefinition>? _byId;
    private Dictionary<string, JobDefinition?>? _byIdIgnoringCase;

    public IReadOnlyList<JobDefinition> Jobs { get; } = jobs;

    /// <summary>
    /// The job a configuration key or code override names: by its exact id, or else (configuration keys have no case) by
    /// the one id that differs only in case.
    /// </summary>
    public bool TryResolve(string id, [NotNullWhen(true)] out JobDefinition? job, [NotNullWhen(false)] out string? why)
    {
        EnsureIndex();
        why = null;
        if (_byId!.TryGetValue(id, out job))
        {
            return true;
        }

        if (_byIdIgnoringCase!.TryGetValue(id, out job))
        {
            if (job is not null)
            {
                return true;
            }

            why = $"several jobs' ids differ from \"{id}\" in case only; write the id with its exact case";
            return false;
        }

        why = Closest(id) is { } near
            ? $"the job table has no job with that id; did you mean \"{near}\"?"
            : "the job table has no job with that id (ids are Namespace.Type.Method unless the attribute sets Name)";
        return false;
    }

    private void EnsureIndex()
    {
        if (_byId is not null)
        {
            return;
        }

        var byId = new Dictionary<string, JobDefinition>(Jobs.Count, StringComparer.Ordinal);
        var byIdIgnoringCase = new Dictionary<string, JobDefinition?>(Jobs.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var job in Jobs)
        {
            // A duplicate id is the Scheduler's to report (ConflictingJobIdException); here the first one stands.
            byId.TryAdd(job.Id, job);
            if (!byIdIgnoringCase.TryAdd(job.Id, job) && !ReferenceEquals(byIdIgnoringCase[job.Id], job))
            {
                byIdIgnoringCase[job.Id] = null;
            }
        }

        _byIdIgnoringCase = byIdIgnoringCase;
        _byId = byId;
    }

    private string? Closest(string id)
    {
        if (Jobs.Count > SuggestionLimit)
        {
            return null;
        }

        string? best = null;
        int bestDistance = Math.Max(2, id.Length / 4) + 1;
        foreach (var job in Jobs)
        {
            int distance = Distance(id, job.Id, bestDistance);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (job.Id, distance);
            }
        }

        return best;
    }

    /// <summary>The edit distance between two ids, ignoring case; anything from <paramref name="cap"/> on counts as <paramref name="cap"/>.</summary>
    private static int Distance(string a, string b, int cap)
    {
        if (Math.Abs(a.Length - b.Length) >= cap)
        {
            return cap;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin >= cap)
            {
                return cap;
            }

            (previous, current) = (current, previous);
        }

        return Math.Min(previous[b.Length], cap);
    }
}
