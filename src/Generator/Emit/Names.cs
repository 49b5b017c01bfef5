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
        "All", "Declared", "Join", "ScheduledJobs", "Equals", "GetHashCode", "GetType", "ToString", "ReferenceEquals", "MemberwiseClone", "Finalize",
    };

    /// <summary>
    /// One property name per job, in table order, each a function of its method alone (and of the table's namespace),
    /// so code elsewhere never renames it: <c>Type_Method</c>, Type being the chain of containing types
    /// (<c>Outer_Inner_Tick</c>); before it the method's namespace relative to the table's when the method is not in
    /// the table's namespace itself (<c>MyApp.Background.Jobs.Tick</c> with table namespace <c>MyApp</c> is
    /// <c>Background_Jobs_Tick</c>; a namespace outside the table's is written in full; the global namespace adds
    /// nothing); after it, for scheduled overloads of one name in one type, the parameter list
    /// (<c>Jobs_Tick_CancellationToken</c>; the parameterless one keeps the bare name). Two methods whose names join
    /// to the same identifier (<c>A.B_C</c> and <c>A_B.C</c>), or a name the table itself uses (<c>All</c>), take
    /// <c>_2</c>, <c>_3</c>… in method-key order. Keywords come back escaped (<c>@class</c>).
    /// </summary>
    /// <param name="jobs">The jobs, in table order.</param>
    /// <param name="tableNamespace">The table's namespace, dotted; empty for the global namespace.</param>
    public static string[] PropertyNames(IReadOnlyList<JobModel> jobs, string tableNamespace)
    {
        Dictionary<string, string> overloads = OverloadSuffixes(jobs);
        var candidates = new string[jobs.Count];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < jobs.Count; i++)
        {
            JobModel job = jobs[i];
            var parts = new List<string>();
            if (RelativeNamespace(job.Namespace, tableNamespace) is { Length: > 0 } prefix)
            {
                parts.Add(prefix);
            }

            foreach (TypeModel type in job.ContainingTypes)
            {
                parts.Add(type.Name);
            }

            parts.Add(job.MethodName + overloads[job.MethodKey]);
            candidates[i] = CSharp.JoinIdentifier(parts);
            counts.TryGetValue(candidates[i], out int n);
            counts[candidates[i]] = n + 1;
        }

        // A name no other job shares is the job's; the others are settled in method-key order, so the result does not
        // depend on the table's order.
        var names = new string?[jobs.Count];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var clashing = new List<int>();
        for (int i = 0; i < jobs.Count; i++)
        {
            if (counts[candidates[i]] == 1 && !Reserved.Contains(candidates[i]))
            {
                names[i] = candidates[i];
                taken.Add(candidates[i]);
            }
            else
            {
                clashing.Add(i);
            }
        }

        clashing.Sort((a, b) => string.CompareOrdinal(jobs[a].MethodKey, jobs[b].MethodKey));
        foreach (int i in clashing)
        {
            string name = candidates[i];
            for (int n = 2; Reserved.Contains(name) || !taken.Add(name); n++)
            {
                name = candidates[i] + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            names[i] = name;
        }

        var escaped = new string[jobs.Count];
        for (int i = 0; i < jobs.Count; i++)
        {
            escaped[i] = CSharp.Identifier(names[i]!);
        }

        return escaped;
    }

    /// <summary>
    /// The thunk name of each job that needs one, by method key: <c>__GenScheduler_Tick</c>, with the parameter-list
    /// suffix of scheduled overloads in the same type (<c>__GenScheduler_Tick_CancellationToken</c>). In a type derived
    /// from another type of the assembly, which may have thunks of its own that a same-named thunk would hide, the
    /// type's name goes in too: <c>__GenScheduler_Derived_Tick</c>.
    /// </summary>
    public static Dictionary<string, string> ThunkNames(IReadOnlyList<JobModel> jobs)
    {
        Dictionary<string, string> overloads = OverloadSuffixes(jobs);
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

        // Settle clashes (a method named Tick_CancellationToken beside an overload) by method key, not by id, so
        // renaming a job does not rename its thunk.
        ordered.Sort(static (a, b) => string.CompareOrdinal(a.MethodKey, b.MethodKey));
        foreach (JobModel job in ordered)
        {
            string typeKey = CSharp.QualifiedTypeName(job);
            string stem = ThunkPrefix
                + (job.DerivesFromSourceType ? job.ContainingTypes[job.ContainingTypes.Count - 1].Name + "_" : string.Empty)
                + job.MethodName + overloads[job.MethodKey];
            string name = stem;
            for (int n = 2; !taken.Add(typeKey + "." + name); n++)
            {
                name = stem + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            names[job.MethodKey] = name;
        }

        return names;
    }

    /// <summary>
    /// For each job, by method key: empty, or, when its type has several scheduled methods of its name and this one takes
    /// parameters, <c>_</c> and its parameter kinds (<c>_JobContext_CancellationToken</c>), a service by its type's name
    /// (<c>_AppDb</c>). Without services a scheduled method takes only those two kinds, each at most once, so the suffix tells
    /// overloads apart; two overloads with services of one name are told apart by <c>_2</c>.
    /// </summary>
    private static Dictionary<string, string> OverloadSuffixes(IReadOnlyList<JobModel> jobs)
    {
        var perName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (JobModel job in jobs)
        {
            string key = CSharp.QualifiedTypeName(job) + "." + job.MethodName;
            perName.TryGetValue(key, out int n);
            perName[key] = n + 1;
        }

        var suffixes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JobModel job in jobs)
        {
            string suffix = string.Empty;
            if (perName[CSharp.QualifiedTypeName(job) + "." + job.MethodName] > 1)
            {
                int service = 0;
                foreach (ParameterKind parameter in job.Parameters)
                {
                    suffix += "_" + (parameter == ParameterKind.Service && job.Services is { } services && service < services.Method.Count
                        ? services.Method[service++].Name
                        : parameter.ToString());
                }
            }

            suffixes[job.MethodKey] = suffix;
        }

        return suffixes;
    }

    /// <summary>
    /// <paramref name="ns"/> as seen from <paramref name="tableNamespace"/>: empty when they are the same or
    /// <paramref name="ns"/> is global, the rest when it is inside it (<c>MyApp.Background</c> from <c>MyApp</c> is
    /// <c>Background</c>), in full otherwise.
    /// </summary>
    private static string RelativeNamespace(string ns, string tableNamespace)
    {
        if (ns.Length == 0 || ns == tableNamespace)
        {
            return string.Empty;
        }

        return tableNamespace.Length > 0 && ns.StartsWith(tableNamespace + ".", StringComparison.Ordinal)
            ? ns.Substring(tableNamespace.Length + 1)
            : ns;
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
