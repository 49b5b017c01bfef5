using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;

namespace GenScheduler.Generator.Tests.Infrastructure;

/// <summary>
/// A small approval helper. Each generated file is compared with a committed <c>Snapshots/&lt;Test&gt;.verified.cs</c>
/// (the job table) or <c>Snapshots/&lt;Test&gt;.&lt;hint name&gt;.verified.cs</c> (any other file, such as a thunk).
/// On a difference the actual text is written beside it as <c>.received.cs</c> (git-ignored) and the test fails with
/// a line diff. With <c>GENSCHEDULER_ACCEPT=1</c> the verified files are overwritten instead.
/// </summary>
internal static class Snapshot
{
    private const string AcceptVariable = "GENSCHEDULER_ACCEPT";

    /// <summary>The generator version, replaced by <c>&lt;version&gt;</c> so a version bump does not change every snapshot.</summary>
    private static readonly string GeneratorVersion =
        typeof(ScheduledJobsGenerator).Assembly.GetName().Version!.ToString();

    /// <summary>Compares every file of <paramref name="run"/> with its snapshot.</summary>
    public static void Verify(GeneratorRun run, [CallerMemberName] string testName = "", [CallerFilePath] string testFile = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        Directory.CreateDirectory(directory);
        bool accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";

        var expectedFiles = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach ((string hintName, string source) in run.Sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            string stem = hintName == Emit.JobTableEmitter.HintName
                ? testName
                : testName + "." + hintName.Replace(".g.cs", string.Empty, StringComparison.Ordinal);
            string verifiedPath = Path.Combine(directory, stem + ".verified.cs");
            string receivedPath = Path.Combine(directory, stem + ".received.cs");
            expectedFiles.Add(verifiedPath);

            string actual = Scrub(source);
            if (accept)
            {
                File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
                File.Delete(receivedPath);
                continue;
            }

            string? verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
            if (verified == actual)
            {
                File.Delete(receivedPath);
                continue;
            }

            File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
            failures.Add(verified is null
                ? $"No snapshot {verifiedPath} yet. Received:\n{actual}"
                : $"{Path.GetFileName(verifiedPath)} differs (- verified, + received):\n{Diff(verified, actual)}");
        }

        // A verified file for a hint name the generator no longer writes is stale.
        foreach (string stale in Directory.GetFiles(directory, testName + ".*verified.cs"))
        {
            string name = Path.GetFileName(stale);
            bool belongsToTest = name == testName + ".verified.cs" || name.StartsWith(testName + ".GenScheduler.", StringComparison.Ordinal);
            if (belongsToTest && !expectedFiles.Contains(stale))
            {
                if (accept)
                {
                    File.Delete(stale);
                }
                else
                {
                    failures.Add($"{name} is a snapshot of a file the generator no longer writes.");
                }
            }
        }

        Assert.True(failures.Count == 0,
            string.Join("\n\n", failures) + $"\n\nIf the new output is right, run the tests with {AcceptVariable}=1 and review the snapshots.");
    }

    private static string Scrub(string source) =>
        Normalize(source).Replace($"\"GenScheduler.Generator\", \"{GeneratorVersion}\"", "\"GenScheduler.Generator\", \"<version>\"", StringComparison.Ordinal);

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>A line diff from the longest common subsequence, with two lines of context around each change.</summary>
    private static string Diff(string expected, string actual)
    {
        string[] a = expected.Split('\n'), b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<(char Mark, int Line, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', y + 1, a[x]));
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                lines.Add(('-', x + 1, a[x++]));
            }
            else
            {
                lines.Add(('+', y + 1, b[y++]));
            }
        }

        var text = new StringBuilder();
        int lastShown = -1;
        for (int i = 0; i < lines.Count; i++)
        {
            bool near = lines.Skip(Math.Max(0, i - 2)).Take(5).Any(l => l.Mark != ' ');
            if (!near)
            {
                continue;
            }

            if (lastShown >= 0 && i > lastShown + 1)
            {
                text.AppendLine("  ...");
            }

            text.AppendLine($"{lines[i].Mark} {lines[i].Line,4}: {lines[i].Text}");
            lastShown = i;
        }

        return text.ToString();
    }
}
