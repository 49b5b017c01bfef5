using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenScheduler.Generator.Tests.Infrastructure;

/// <summary>
/// A stand-in for the GenScheduler.Hosting package, compiled in memory: an assembly of that name with
/// <c>GenSchedulerOptions</c> and <c>GenSchedulerServiceCollectionExtensions.AddGenScheduler(services, jobs, configure)</c>,
/// which records the jobs it was given. Referencing it (with the dependency-injection abstractions) turns the generator's
/// hosting mode on. Shared by the generator's and the analyzer's tests.
/// </summary>
internal static class HostingStandIn
{
    /// <summary>The stand-in's source.</summary>
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using Microsoft.Extensions.DependencyInjection;

        namespace GenScheduler.Hosting
        {
            public sealed class GenSchedulerOptions
            {
                public int Configured { get; set; }
            }

            public static class GenSchedulerServiceCollectionExtensions
            {
                public static IReadOnlyList<GenScheduler.JobDefinition>? Registered { get; private set; }

                public static GenSchedulerOptions? Options { get; private set; }

                public static IServiceCollection AddGenScheduler(
                    this IServiceCollection services, IReadOnlyList<GenScheduler.JobDefinition> jobs, Action<GenSchedulerOptions>? configure = null)
                {
                    Registered = jobs;
                    Options = new GenSchedulerOptions();
                    configure?.Invoke(Options);
                    return services;
                }
            }
        }
        """;

    /// <summary>Microsoft.Extensions.DependencyInjection.Abstractions, the one the test runs with.</summary>
    public static MetadataReference DependencyInjection { get; } =
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceScopeFactory).Assembly.Location);

    /// <summary>Microsoft.Extensions.Logging.Abstractions, for jobs that take an <c>ILogger&lt;T&gt;</c>.</summary>
    public static MetadataReference Logging { get; } =
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger<>).Assembly.Location);

    /// <summary>The stand-in as a compilation, for tests that load it.</summary>
    public static CSharpCompilation Compilation { get; } = CSharpCompilation.Create(
        "GenScheduler.Hosting",
        [CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest), path: "Hosting.cs")],
        [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(JobDefinition).Assembly.Location), DependencyInjection],
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>What a project that uses GenScheduler.Hosting references besides the runtime: the stand-in, DI and logging abstractions.</summary>
    public static ImmutableArray<MetadataReference> References { get; } = [Image(), DependencyInjection, Logging];

    /// <summary>The usings of a hosting test's source.</summary>
    public const string Usings = """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;

        """;

    private static MetadataReference Image()
    {
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = Compilation.Emit(image);
        if (!result.Success)
        {
            throw new System.InvalidOperationException("The hosting stand-in does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
