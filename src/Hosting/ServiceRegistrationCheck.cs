using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace GenScheduler.Hosting;

/// <summary>
/// A job built from dependency injection fails every run if one of its services is not registered. The container can
/// tell without creating anything (<see cref="IServiceProviderIsService"/>), so the host's start fails instead, naming
/// the job, each missing service and how to register it.
/// </summary>
internal static class ServiceRegistrationCheck
{
    /// <summary>Whether the container could answer; one that does not implement <see cref="IServiceProviderIsService"/> is not checked.</summary>
    /// <exception cref="InvalidOperationException">A job needs a service that is not registered.</exception>
    public static bool Ensure(IEnumerable<JobDefinition> jobs, IServiceProvider services)
    {
        if (services.GetService<IServiceProviderIsService>() is not { } registered)
        {
            return false;
        }

        var lines = new List<string>();
        Type? example = null;
        foreach (var job in jobs)
        {
            if (job.RequiredServices.Count == 0)
            {
                continue;
            }

            var missing = job.RequiredServices.Where(t => !registered.IsService(t)).Distinct().ToList();
            if (missing.Count > 0)
            {
                example ??= missing[0];
                lines.Add($"job \"{job.Id}\" needs {string.Join(", ", missing.Select(Describe))}");
            }
        }

        if (lines.Count == 0)
        {
            return true;
        }

        string name = Name(example!);
        throw new InvalidOperationException(
            $"{(lines.Count == 1 ? "A job takes services" : $"{lines.Count} jobs take services")} that are not registered: {string.Join("; ", lines)}. " +
            $"Register each before the host is built, such as builder.Services.AddScoped<{name}>() or AddSingleton<{name}>(...): every run gets a " +
            "new scope, so singleton, scoped and transient services all work. Or leave the job out: GenScheduler:Jobs:<job id>:Enabled = false.");
    }

    private static string Describe(Type type) => type.Namespace is { Length: > 0 } ns ? $"{Name(type)} ({ns})" : Name(type);

    /// <summary>A type as C# writes it, generic arguments and all: <c>ILogger&lt;Cleanup&gt;</c>, not <c>ILogger`1</c>.</summary>
    private static string Name(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var text = new StringBuilder(type.Name, 0, type.Name.IndexOf('`', StringComparison.Ordinal) is int tick and >= 0 ? tick : type.Name.Length, 64);
        text.Append('<').AppendJoin(", ", type.GetGenericArguments().Select(Name)).Append('>');
        return text.ToString();
    }
}
