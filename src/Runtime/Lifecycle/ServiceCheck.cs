using System;
using System.Collections.Generic;
using System.Linq;

namespace GenScheduler;

/// <summary>
/// Jobs whose types are built from dependency injection need a container. Without one, the scheduler says so when it
/// starts (or when such a job is added), naming the jobs and their services, rather than failing at the first fire.
/// </summary>
internal static class ServiceCheck
{
    /// <summary>A type as C# writes it, without namespaces: <c>ILogger&lt;Cleanup&gt;</c>, not <c>ILogger`1</c>.</summary>
    public static string Describe(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        string name = type.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return $"{(tick < 0 ? name : name[..tick])}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>";
    }

    /// <exception cref="InvalidOperationException">A job needs services and there is no container.</exception>
    public static void EnsureServices(ReadOnlySpan<JobDefinition> jobs, IServiceProvider? services)
    {
        if (services is not null)
        {
            return;
        }

        // The usual case, no job needs a service, costs a look at each job and nothing else.
        foreach (var job in jobs)
        {
            if (job.NeedsServices)
            {
                EnsureServices((IEnumerable<JobDefinition>)jobs.ToArray(), services);
                return;
            }
        }
    }

    /// <exception cref="InvalidOperationException">A job needs services and there is no container.</exception>
    public static void EnsureServices(IEnumerable<JobDefinition> jobs, IServiceProvider? services)
    {
        if (services is not null)
        {
            return;
        }

        var needy = jobs.Where(j => j.NeedsServices).ToList();
        if (needy.Count == 0)
        {
            return;
        }

        string list = string.Join("; ", needy.Select(j => $"\"{j.Id}\" needs {string.Join(", ", j.RequiredServices.Select(Describe))}"));
        throw new InvalidOperationException(
            $"{(needy.Count == 1 ? "A job takes" : $"{needy.Count} jobs take")} services from dependency injection, and the scheduler has none: {list}. " +
            "Run the scheduler in a host with services.AddGenScheduler() (package GenScheduler.Hosting), or set SchedulerOptions.Services.");
    }
}
