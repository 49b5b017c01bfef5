using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using GenScheduler.Generator.Tests.Infrastructure;

namespace GenScheduler.Generator.Tests;

/// <summary>
/// The extraction (and so the analyzer) accepts exactly the option values the runtime accepts: every value it lets into
/// the table loads without <see cref="TypeInitializationException"/>, as the exact number of ticks the generator wrote.
/// </summary>
public class OptionsTests
{
    private static readonly string[] Values =
    {
        "0", "-0.0", "1e-9", "4e-8", "5e-8", "1e-7", "0.1", "2.5", "1e-300", "double.Epsilon", "9e11", "922337203685", "922337203685.4775807",
        "1e12", "double.MaxValue", "double.PositiveInfinity", "double.NaN", "-1",
    };

    [Fact]
    public void Every_option_value_the_extraction_accepts_loads_in_the_runtime_as_the_ticks_written()
    {
        var source = new StringBuilder("namespace MyApp;\n\npublic static class Jobs\n{\n");
        var methods = new List<(string Method, string Option, string Value)>();
        foreach (string option in new[] { "TimeoutSeconds", "MisfireGraceSeconds", "JitterSeconds" })
        {
            for (int i = 0; i < Values.Length; i++)
            {
                string method = option.Replace("Seconds", string.Empty, StringComparison.Ordinal) + i.ToString(CultureInfo.InvariantCulture);
                methods.Add((method, option, Values[i]));
                source.Append(CultureInfo.InvariantCulture, $"    [Cron(\"0 9 * * *\", {option} = {Values[i]})] public static void {method}() {{ }}\n");
            }
        }

        source.Append("}\n");
        GeneratorRun run = GeneratorHarness.Run(source.ToString()).AssertGeneratorClean().AssertCompilesClean();
        var accepted = methods.Where(m => Extractions.Of(run.Input, "MyApp.Jobs", m.Method).Job is not null).ToList();
        Assert.Contains(accepted, m => m.Value == "922337203685");
        Assert.DoesNotContain(accepted, m => m.Option == "TimeoutSeconds" && m.Value == "1e-9");

        using var assemblies = new LoadedAssemblies(run.Output);
        Dictionary<string, JobOptions> loaded = assemblies.All().ToDictionary(j => j.Id, j => j.Options, StringComparer.Ordinal);

        Assert.Equal(accepted.Select(m => "MyApp.Jobs." + m.Method).Order(StringComparer.Ordinal), loaded.Keys.Order(StringComparer.Ordinal));
        foreach ((string method, string option, string value) in accepted)
        {
            JobOptions options = loaded["MyApp.Jobs." + method];
            double seconds = value switch
            {
                "double.Epsilon" => double.Epsilon,
                "double.PositiveInfinity" => double.PositiveInfinity,
                _ => double.Parse(value, CultureInfo.InvariantCulture),
            };
            TimeSpan? expected = double.IsPositiveInfinity(seconds) ? null : TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero));
            TimeSpan? actual = option switch
            {
                "TimeoutSeconds" => options.Timeout,
                "MisfireGraceSeconds" => options.MisfireGraceTime,
                _ => options.Jitter,
            };
            Assert.True(option == "TimeoutSeconds" && seconds == 0 ? actual is null : actual == expected, $"{option} = {value}: {actual} instead of {expected}");
        }
    }

    [Fact]
    public void Times_are_written_as_exact_ticks_and_said_in_seconds()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            namespace MyApp;

            public static class Jobs
            {
                [Interval(Seconds = 3, TimeoutSeconds = 2.5, MisfireGraceSeconds = 0.1, JitterSeconds = 1e-7)]
                public static void Tick() { }
            }
            """).AssertGeneratorClean().AssertCompilesClean();

        Assert.Contains("MisfireGraceTime = global::System.TimeSpan.FromTicks(1000000), Jitter = global::System.TimeSpan.FromTicks(1), Timeout = global::System.TimeSpan.FromTicks(25000000)", run.Table, StringComparison.Ordinal);
        Assert.Contains("Options: misfire grace 0.1 seconds, with up to 0.0000001 seconds of jitter, timeout 2.5 seconds.", run.Table, StringComparison.Ordinal);
    }
}
