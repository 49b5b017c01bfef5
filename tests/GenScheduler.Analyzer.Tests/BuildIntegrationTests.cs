using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Tasks;

namespace GenScheduler.Analyzer.Tests;

/// <summary>
/// The real thing: <c>dotnet build</c> of a small project that uses the generator as an analyzer (as a NuGet user
/// would, through <c>OutputItemType="Analyzer"</c>) prints the GS diagnostic with the file, line and column of the
/// mistake, and fails. Offline: the referenced projects are already built and restored by this test project's build.
/// </summary>
public class BuildIntegrationTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private const string Program = """
        using GenScheduler;

        public static class Jobs
        {
            [Cron("0 0 32 * *")]
            public static void Report() { }

            [Interval(Seconds = 5)]
            public static void Tick() { }
        }
        """;

    [Fact]
    public async Task Dotnet_build_prints_the_diagnostic_at_the_line_and_column_of_the_mistake()
    {
        string repository = RepositoryRoot();
        string directory = Path.Combine(Path.GetTempPath(), "genscheduler-build-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "Program.cs"), Program);
            File.WriteAllText(Path.Combine(directory, "Sample.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{Path.Combine(repository, "src", "Runtime", "GenScheduler.csproj")}" />
                    <ProjectReference Include="{Path.Combine(repository, "src", "Generator", "GenScheduler.Generator.csproj")}"
                                      OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                  </ItemGroup>
                </Project>
                """);

            // The referenced projects were built with this test project: use them as they are, build only the sample.
            (int exitCode, string output) = await RunAsync(directory,
                "build", "-c", Configuration, "-p:BuildProjectReferences=false", "-p:UseSharedCompilation=false", "-nodeReuse:false", "-nologo");

            string expected = $"Program.cs(5,11): error GS0010";
            Assert.True(exitCode != 0 && output.Contains(expected, StringComparison.Ordinal),
                $"Expected a failed build with '{expected}'. Exit code {exitCode}. Output:\n{output}");
            Assert.Contains("the Days of month field (3rd) is \"32\"", output, StringComparison.Ordinal);
            Assert.DoesNotContain("AD0001", output, StringComparison.Ordinal);
            Assert.DoesNotContain("CS8785", output, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        using Process process = Process.Start(start)!;
        var output = new StringBuilder();
        Task stdout = Task.Run(async () => output.Append(await process.StandardOutput.ReadToEndAsync()));
        Task stderr = Task.Run(async () => output.Append(await process.StandardError.ReadToEndAsync()));
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(150));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(stdout, stderr);
        return (process.ExitCode, output.ToString());
    }

    private static string RepositoryRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));
}
