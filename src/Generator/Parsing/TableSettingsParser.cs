using System.Collections.Generic;
using System.Text;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GenScheduler.Generator.Parsing;

/// <summary>
/// Reads the project's MSBuild properties the generator sees as <c>build_property.*</c> (made visible by
/// <c>build/GenScheduler.props</c>): the table's namespace is <c>GenSchedulerNamespace</c>, else <c>RootNamespace</c>, else
/// the assembly's name, made a valid namespace; <c>GenSchedulerExportJobs</c> set to <c>false</c> keeps it internal.
/// </summary>
internal static class TableSettingsParser
{
    /// <summary>The MSBuild property that names the table's namespace.</summary>
    public const string NamespaceProperty = "build_property.GenSchedulerNamespace";

    /// <summary>The project's root namespace.</summary>
    public const string RootNamespaceProperty = "build_property.RootNamespace";

    /// <summary>The MSBuild property that, set to <c>false</c>, keeps the table internal and out of referencing assemblies.</summary>
    public const string ExportProperty = "build_property.GenSchedulerExportJobs";

    /// <summary>Reads the settings; never throws.</summary>
    /// <param name="options">The compilation's global options.</param>
    /// <param name="assemblyName">The assembly's name, the last resort for the namespace; may be empty.</param>
    public static TableSettings Read(AnalyzerConfigOptions options, string assemblyName)
    {
        string name = Value(options, NamespaceProperty) ?? Value(options, RootNamespaceProperty) ?? assemblyName.Trim();
        bool export = !string.Equals(Value(options, ExportProperty), "false", System.StringComparison.OrdinalIgnoreCase);
        return new TableSettings(assemblyName, Namespace(name), export);
    }

    /// <summary>
    /// <paramref name="text"/> as a namespace: each dotted part with every character an identifier cannot hold as
    /// <c>_</c>, an <c>_</c> before a leading digit, an empty part as <c>_</c> (<c>My-App.2nd..X</c> is <c>My_App._2nd._.X</c>).
    /// Keywords stay as they are here; the emitter escapes them (<c>@event</c>).
    /// </summary>
    public static string Namespace(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var parts = new List<string>();
        foreach (string part in text.Split('.'))
        {
            var identifier = new StringBuilder(part.Length + 1);
            foreach (char c in part.Trim())
            {
                identifier.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
            }

            if (identifier.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(identifier[0]))
            {
                identifier.Insert(0, '_');
            }

            parts.Add(identifier.ToString());
        }

        return string.Join(".", parts);
    }

    private static string? Value(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
