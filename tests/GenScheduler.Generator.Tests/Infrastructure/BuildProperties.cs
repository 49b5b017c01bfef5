using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GenScheduler.Generator.Tests.Infrastructure;

/// <summary>
/// MSBuild properties as the compiler hands them to a generator: <c>build_property.RootNamespace</c> and the like, which a
/// project makes visible with <c>&lt;CompilerVisibleProperty&gt;</c> (GenScheduler's <c>build/GenScheduler.props</c> does).
/// </summary>
internal sealed class BuildProperties : AnalyzerConfigOptionsProvider
{
    private readonly Options _global;

    /// <summary>Properties by MSBuild name (<c>RootNamespace</c>); a <see langword="null"/> value leaves the property out.</summary>
    public BuildProperties(IReadOnlyDictionary<string, string?> properties)
    {
        var values = ImmutableDictionary.CreateBuilder<string, string>(KeyComparer);
        foreach (KeyValuePair<string, string?> property in properties)
        {
            if (property.Value is not null)
            {
                values["build_property." + property.Key] = property.Value;
            }
        }

        _global = new Options(values.ToImmutable());
    }

    /// <summary>What a project named MyApp passes: <c>RootNamespace</c> is <c>MyApp</c>.</summary>
    public static BuildProperties MyApp { get; } = Project("MyApp");

    /// <summary>A project with the root namespace <paramref name="rootNamespace"/>, exporting its jobs unless <paramref name="export"/> says otherwise.</summary>
    public static BuildProperties Project(string rootNamespace, bool? export = null) =>
        new(new Dictionary<string, string?> { ["RootNamespace"] = rootNamespace, ["GenSchedulerExportJobs"] = export?.ToString() });

    /// <summary>No properties at all, as when the props file is not imported.</summary>
    public static BuildProperties None { get; } = new(new Dictionary<string, string?>());

    private static System.StringComparer KeyComparer => System.StringComparer.OrdinalIgnoreCase;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GlobalOptions => _global;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static Options Empty { get; } = new(ImmutableDictionary<string, string>.Empty);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
