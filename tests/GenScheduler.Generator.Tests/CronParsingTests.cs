using System.Linq;
using GenScheduler.Generator.Model;
using GenScheduler.Generator.Parsing;
using GenScheduler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Tests;

/// <summary>Cron text is parsed at compile time with Cronos, five fields told from six.</summary>
public class CronParsingTests
{
    [Theory]
    [InlineData("*/5 * * * *", false)]
    [InlineData("0 9 * * MON-FRI", false)]
    [InlineData("  0 9 * * 1-5  ", false)]
    [InlineData("0\t9 *  * *", false)]
    [InlineData("*/5 * * * * *", true)]
    [InlineData("0 0 0 1 1 *", true)]
    [InlineData("@every_second", true)]
    [InlineData("@EVERY_SECOND", true)]
    [InlineData("@every_minute", false)]
    [InlineData("@hourly", false)]
    [InlineData("@daily", false)]
    [InlineData("@midnight", false)]
    [InlineData("@weekly", false)]
    [InlineData("@monthly", false)]
    [InlineData("@yearly", false)]
    [InlineData("@annually", false)]
    public void Valid_expressions_parse_with_the_right_format(string expression, bool includeSeconds)
    {
        CronParseResult result = CronParser.Parse(expression);

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(includeSeconds, result.IncludeSeconds);
        Assert.Equal(expression.Trim(), result.Expression);
    }

    [Theory]
    [InlineData("0 0 32 * *", "Days of month")]
    [InlineData("60 * * * * *", "Seconds")]
    [InlineData("0 9 * * MON-FUN", "Days of week")]
    [InlineData("@fortnightly", "Macro")]
    public void Expressions_Cronos_rejects_carry_its_message(string expression, string messagePart)
    {
        CronParseResult result = CronParser.Parse(expression);

        Assert.Equal(JobProblemKind.InvalidCronExpression, result.Error);
        Assert.Contains(messagePart, result.Detail, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("* * * *", "4")]
    [InlineData("* * * * * * *", "7")]
    [InlineData("0", "1")]
    public void Neither_five_nor_six_fields_is_a_problem(string expression, string count)
    {
        CronParseResult result = CronParser.Parse(expression);

        Assert.Equal(JobProblemKind.WrongCronFieldCount, result.Error);
        Assert.Equal(count, result.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Empty_expressions_are_a_problem(string? expression) =>
        Assert.Equal(JobProblemKind.EmptyCronExpression, CronParser.Parse(expression).Error);

    [Fact]
    public void The_extracted_model_tells_five_fields_from_six_and_keeps_the_time_zone()
    {
        var compilation = GeneratorHarness.Compile("""
            public static class Jobs
            {
                [Cron("0 9 * * 1-5")]
                [Cron(" */5 * * * * * ", TimeZone = "Europe/Berlin")]
                public static void Run() { }
            }
            """);

        JobExtraction extraction = Extractions.Of(compilation, "Jobs", "Run");

        Assert.Empty(extraction.Problems);
        Assert.Equal(
            new TriggerModel[] { new CronTriggerModel("0 9 * * 1-5", false, null), new CronTriggerModel("*/5 * * * * *", true, "Europe/Berlin") },
            extraction.Job!.Triggers.ToArray());
    }

    [Fact]
    public void An_expression_Cronos_rejects_leaves_the_method_out_with_the_message()
    {
        var compilation = GeneratorHarness.Compile("""
            public static class Jobs
            {
                [Interval(Seconds = 1)]
                [Cron("0 25 * * *")]
                public static void Run() { }
            }
            """);

        JobExtraction extraction = Extractions.Of(compilation, "Jobs", "Run");

        Assert.Null(extraction.Job);
        JobProblem problem = Assert.Single(extraction.Problems);
        Assert.Equal(JobProblemKind.InvalidCronExpression, problem.Kind);
        Assert.Equal(1, problem.AttributeIndex);
        Assert.Equal("0 25 * * *", problem.Value0);
        Assert.Contains("Hours", problem.Value1, System.StringComparison.Ordinal);
    }
}

/// <summary>Runs the extractor on one method of a compilation.</summary>
internal static class Extractions
{
    public static JobExtraction Of(Compilation compilation, string typeMetadataName, string methodName)
    {
        INamedTypeSymbol type = compilation.GetTypeByMetadataName(typeMetadataName)!;
        IMethodSymbol method = type.GetMembers(methodName).OfType<IMethodSymbol>().Single();
        return JobExtractor.Extract(method, compilation, default);
    }
}
