using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using GenScheduler.Generator.Analyzer;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Analyzer.Tests;

/// <summary>Every descriptor is documented, tracked for release, linked to its help section, and supported by the analyzer.</summary>
public class DescriptorTests
{
    private static string RepositoryFile(string relative, [CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", relative));

    [Fact]
    public void Ids_are_unique_and_numbered_from_GS0001_without_gaps()
    {
        string[] ids = DiagnosticDescriptors.All.Select(d => d.Id).ToArray();

        Assert.Equal(Enumerable.Range(1, ids.Length).Select(n => $"GS{n:0000}"), ids);
    }

    [Fact]
    public void Every_descriptor_links_to_its_section_and_has_a_category()
    {
        Assert.All(DiagnosticDescriptors.All, d =>
        {
            Assert.Equal("https://github.com/genscheduler/genscheduler/blob/main/docs/diagnostics.md#" + d.Id.ToLowerInvariant(), d.HelpLinkUri);
            Assert.Contains(d.Category, new[] { DiagnosticDescriptors.UsageCategory, DiagnosticDescriptors.ScheduleCategory, DiagnosticDescriptors.GeneratorCategory });
            Assert.True(d.IsEnabledByDefault);
        });
    }

    [Fact]
    public void Every_id_has_a_section_in_docs_diagnostics_md_with_a_wrong_example_and_the_fix()
    {
        string docs = RepositoryFile("docs/diagnostics.md");

        Assert.All(DiagnosticDescriptors.All, d =>
        {
            int section = docs.IndexOf("\n## " + d.Id + ":", StringComparison.Ordinal);
            Assert.True(section >= 0, $"docs/diagnostics.md has no section '## {d.Id}: …'.");
            int next = docs.IndexOf("\n## ", section + 1, StringComparison.Ordinal);
            string body = next < 0 ? docs[section..] : docs[section..next];
            Assert.Contains("```csharp", body, StringComparison.Ordinal);
            Assert.Contains("**Fix", body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_id_is_in_the_unshipped_release_notes_with_its_category_and_severity()
    {
        string unshipped = RepositoryFile("src/Generator/AnalyzerReleases.Unshipped.md");

        Assert.All(DiagnosticDescriptors.All, d =>
            Assert.Contains($"{d.Id} | {d.Category} | {d.DefaultSeverity} | {d.Title}", unshipped, StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_duplicate_id_diagnostic_waits_for_the_end_of_the_compilation()
    {
        Assert.Equal(
            ["GS0008"],
            DiagnosticDescriptors.All.Where(d => d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd)).Select(d => d.Id));
    }

    [Fact]
    public void The_analyzer_supports_every_descriptor_but_those_the_generator_reports()
    {
        Assert.Equal(
            DiagnosticDescriptors.All.Where(d => d.Category != DiagnosticDescriptors.GeneratorCategory),
            new ScheduleAnalyzer().SupportedDiagnostics);
        Assert.Contains(DiagnosticDescriptors.GeneratorFailed, DiagnosticDescriptors.All.Where(d => d.Category == DiagnosticDescriptors.GeneratorCategory));
    }
}
