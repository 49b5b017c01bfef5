using System;
using System.Collections.Generic;
using GenScheduler.Generator.Model;

namespace GenScheduler.Generator.Emit;

/// <summary>Chooses the names the generated code declares: job properties, thunks, file hint names.</summary>
internal static class Names
{
    /// <summary>The prefix of every generated thunk method.</summary>
    public const string ThunkPrefix = "__GenScheduler_";

    // Names a job property must not take: the table's own members and object's (a static property would hide them).
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "All", "ScheduledJobs", "Equals", "GetHashCode", "GetType", "ToString", "ReferenceEquals", "MemberwiseClone", "Finalize",
    };

    /// <summary>
    /// One property name per job, in table order: the shortest of <c>Method</c>, <c>Type_Method</c> and
    /// <c>Namespace_Type_Method</c> that no other job's candidate at that level shares. Jobs that clash even at the
    /// longest (overloads with their own names) take the shortest level that tells them from every other job, with
    /// <c>_2</c>, <c>_3</c>… appended in table order. Keywords come back escaped (<c>@class</c>).
    /// </summary>
    public static string[] PropertyNames(IReadOnlyList<JobModel> jobs)
    {
        var candidates = new string[jobs.Count][];
        var counts = new Dictionary<string, int>[3];
        for (int level = 0; level < 3; level++)
        {
            counts[level] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        for (int i = 0; i < jobs.Count; i++)
        {
            JobModel job = jobs[i];
            var types = new List<string>();
            foreach (TypeModel type in job.ContainingTypes)
            {
                types.Add(type.Name);
            }

            string typePart = CSharp.JoinIdentifier(types);
            candidates[i] = new[]
            {
                CSharp.JoinIdentifier(new[] { job.MethodName }),
                CSharp.JoinIdentifier(new[] { typePart, job.MethodName }),
                CSharp.JoinIdentifier(job.Namespace.Length == 0 ? new[] { typePart, job.MethodName } : new[] { job.Namespace, typePart, job.MethodName }),
            };
            for (int level = 0; level < 3; level++)
            {
                counts[level].TryGetValue(candidates[i][level], out int n);
                counts[level][candidates[i][level]] = n + 1;
            }
        }

        var names = new string[jobs.Count];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < jobs.Count; i++)
        {
            string chosen = candidates[i][2];
            for (int level = 0; level < 3; level++)
            {
                string candidate = candidates[i][level];
                // Unique, or shared only with jobs that clash at every level anyway (overloads): those get a suffix.
                if (counts[level][candidate] == counts[2][candidates[i][2]] && !Reserved.Contains(candidate))
                {
                    chosen = candidate;
                    break;
                }
            }

            string unique = chosen;
            for (int n = 2; Reserved.Contains(unique) || taken.Contains(unique); n++)
            {
                unique = chosen + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            taken.Add(unique);
            names[i] = CSharp.Identifier(unique);
        }

        return names;
    }

    /// <summary>
    /// The thunk name of each job that needs one, by method key: <c>__GenScheduler_Tick</c>, with <c>_2</c>… for
    /// overloads in the same type. In a type derived from another type of the assembly, which may have thunks of its
    /// own that a same-named thunk would hide, the type's name goes in too: <c>__GenScheduler_Derived_Tick</c>.
    /// </summary>
    public static Dictionary<string, string> ThunkNames(IReadOnlyList<JobModel> jobs)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<JobModel>();
        foreach (JobModel job in jobs)
        {
            if (job.Access == AccessKind.Thunk)
            {
                ordered.Add(job);
            }
        }

        // Number overloads by method key, not by id, so renaming a job does not rename its thunk.
        ordered.Sort(static (a, b) => string.CompareOrdinal(a.MethodKey, b.MethodKey));
        foreach (JobModel job in ordered)
        {
            string typeKey = CSharp.QualifiedTypeName(job);
            string stem = ThunkPrefix
                + (job.DerivesFromSourceType ? job.ContainingTypes[job.ContainingTypes.Count - 1].Name + "_" : string.Empty)
                + job.MethodName;
            string name = stem;
            for (int n = 2; !taken.Add(typeKey + "." + name); n++)
            {
                name = stem + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            names[job.MethodKey] = name;
        }

        return names;
    }

    /// <summary><paramref name="text"/> as a hint name: letters, digits, <c>.</c> and <c>_</c> only.</summary>
    public static string HintName(string text)
    {
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '_'))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}
