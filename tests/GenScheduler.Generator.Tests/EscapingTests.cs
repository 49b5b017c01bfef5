using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using GenScheduler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Tests;

/// <summary>
/// Every user string that reaches the generated code (a job's <c>Name</c>, a <c>TimeZone</c>, cron text, instants) is
/// escaped: seeded random strings full of line breaks, control characters, lone surrogates and XML specials never break
/// the generated literals or doc comments, and a name reads back from the compiled table exactly as written.
/// </summary>
public class EscapingTests
{
    /// <summary>The characters that break literals or doc comments when written raw, and a few ordinary ones.</summary>
    private static readonly string[] Pieces =
    {
        "a", "Z", "7", " ", ".", "/", "*", "@", "{", "}", "\"", "\\", "<", ">", "&", "'", "\n", "\r", "\r\n", "\t", "\0", "\u0001", "\u001F",
        "\u007F", "\u0085", "\u2028", "\u2029", "\uD800", "\uDC00", "\uDBFF", "\uFFFE", "\uFFFF", "\u200B", "\uFEFF", "\u00A0", "ü", "€",
        "\uD83D\uDE00", "*/", "-->", "]]>", "\\u000A",
    };

    private static string RandomText(Random random, int maxPieces)
    {
        var text = new StringBuilder();
        int count = random.Next(1, maxPieces + 1);
        for (int i = 0; i < count; i++)
        {
            text.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return text.ToString();
    }

    /// <summary>A C# literal for any string, written independently of the generator: everything but printable ASCII as <c>\uXXXX</c>.</summary>
    private static string Literal(string value)
    {
        var text = new StringBuilder("\"");
        foreach (char c in value)
        {
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                text.Append(c);
            }
            else
            {
                text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return text.Append('"').ToString();
    }

    [Fact]
    public void Random_names_compile_clean_and_read_back_exactly_as_written()
    {
        var random = new Random(20261202);
        for (int round = 0; round < 10; round++)
        {
            var names = new List<string>();
            var source = new StringBuilder("namespace MyApp;\n\npublic partial class Jobs\n{\n");
            for (int i = 0; i < 12; i++)
            {
                // A prefix keeps every name non-blank (a blank name is GS0017) and unique (a repeated id is GS0008).
                string name = "job" + i.ToString(CultureInfo.InvariantCulture) + RandomText(random, 10);
                names.Add(name);
                string access = i % 3 == 0 ? "private" : "public";
                source.Append(CultureInfo.InvariantCulture, $"    [Interval(Seconds = 1, Name = {Literal(name)})] {access} static void M{i}() {{ }}\n");
            }

            source.Append("}\n");
            GeneratorRun run = GeneratorHarness.Run(source.ToString()).AssertGeneratorClean();
            AssertCompilesClean(run, source.ToString());

            using var loaded = new LoadedAssemblies(run.Output);
            Assert.Equal(names.Order(StringComparer.Ordinal), loaded.All().Select(j => j.Id));
        }
    }

    [Fact]
    public void Random_time_zones_cron_text_and_instants_compile_clean()
    {
        var random = new Random(7);
        string[] crons = { "*/5 * * * *", "0 9 * * 1-5", "@hourly", "*/10 * * * * *" };
        string[] instants = { "2026-12-24T18:00:00Z", "2027-01-01T00:00:00+01:00" };
        for (int round = 0; round < 10; round++)
        {
            var source = new StringBuilder("namespace MyApp;\n\npublic static class Jobs\n{\n");
            for (int i = 0; i < 8; i++)
            {
                string zone = RandomText(random, 8);
                string cron = Whitespace(random) + crons[random.Next(crons.Length)] + Whitespace(random);
                string noisyCron = RandomText(random, 6);
                string instant = Whitespace(random) + instants[random.Next(instants.Length)] + Whitespace(random);
                source.Append(CultureInfo.InvariantCulture, $"    [Cron(\"0 9 * * *\", TimeZone = {Literal(zone)})] public static void Zone{i}() {{ }}\n")
                    .Append(CultureInfo.InvariantCulture, $"    [Cron({Literal(cron)}, TimeZone = {Literal(zone)})] public static void Cron{i}() {{ }}\n")
                    .Append(CultureInfo.InvariantCulture, $"    [Cron({Literal(noisyCron)})] public static void Noise{i}() {{ }}\n")
                    .Append(CultureInfo.InvariantCulture, $"    [At({Literal(instant)})] [Interval(Seconds = 1, End = {Literal(RandomText(random, 4))})] public static void At{i}() {{ }}\n");
            }

            source.Append("}\n");
            GeneratorRun run = GeneratorHarness.Run(source.ToString()).AssertGeneratorClean();
            AssertCompilesClean(run, source.ToString());

            // Every zone and every padded cron job is in the table: escaping never costs a job.
            for (int i = 0; i < 8; i++)
            {
                Assert.Contains($"MyApp.Jobs.Zone{i}\"", run.Table, StringComparison.Ordinal);
                Assert.Contains($"MyApp.Jobs.Cron{i}\"", run.Table, StringComparison.Ordinal);
            }
        }
    }

    private static string Whitespace(Random random) => random.Next(5) switch
    {
        0 => string.Empty,
        1 => "\u2028",
        2 => "\u0085",
        3 => "\r\n\t",
        _ => "\u2029 ",
    };

    private static void AssertCompilesClean(GeneratorRun run, string source)
    {
        Diagnostic[] diagnostics = run.CompileDiagnostics.ToArray();
        Assert.True(diagnostics.Length == 0,
            "The output has diagnostics:\n" + string.Join("\n", diagnostics.Select(d => d.ToString())) + "\nSource:\n" + source);
    }
}
