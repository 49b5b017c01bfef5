using System;
using System.Collections.Generic;
using GenScheduler.Generator.Model;

namespace GenScheduler.Generator;

/// <summary>Merges the jobs found per method into the assembly's table: one per method, sorted, ids unique.</summary>
internal static class JobTableBuilder
{
    /// <summary>
    /// Builds the table. A method found twice (it carries both attribute kinds, or is partial) counts once. Jobs are
    /// ordered by id, then by method key (ordinal); of several jobs with one id the first is kept and the rest are
    /// returned in <paramref name="duplicates"/> as <see cref="JobProblemKind.DuplicateId"/> problems.
    /// </summary>
    /// <param name="jobs">The jobs, in any order; <see langword="null"/>s (methods with problems) are ignored.</param>
    /// <param name="duplicates">The method key and problem of each job left out for a duplicate id.</param>
    /// <returns>The table.</returns>
    public static JobTableModel Build(IEnumerable<JobModel?> jobs, out List<KeyValuePair<string, JobProblem>> duplicates)
    {
        var byMethod = new Dictionary<string, JobModel>(StringComparer.Ordinal);
        foreach (JobModel? job in jobs)
        {
            if (job is not null && !byMethod.ContainsKey(job.MethodKey))
            {
                byMethod.Add(job.MethodKey, job);
            }
        }

        var sorted = new List<JobModel>(byMethod.Values);
        sorted.Sort(static (a, b) =>
        {
            int byId = string.CompareOrdinal(a.Id, b.Id);
            return byId != 0 ? byId : string.CompareOrdinal(a.MethodKey, b.MethodKey);
        });

        duplicates = new List<KeyValuePair<string, JobProblem>>();
        var kept = new List<JobModel>(sorted.Count);
        foreach (JobModel job in sorted)
        {
            if (kept.Count > 0 && kept[kept.Count - 1].Id == job.Id)
            {
                JobModel first = kept[kept.Count - 1];
                duplicates.Add(new KeyValuePair<string, JobProblem>(
                    job.MethodKey, JobProblem.ForMethod(JobProblemKind.DuplicateId, job.Id, first.MethodKey)));
                continue;
            }

            kept.Add(job);
        }

        return new JobTableModel(new EquatableArray<JobModel>(kept.ToArray()));
    }

    /// <summary>Builds the table, ignoring which jobs were dropped as duplicates.</summary>
    public static JobTableModel Build(IEnumerable<JobModel?> jobs) => Build(jobs, out _);
}
