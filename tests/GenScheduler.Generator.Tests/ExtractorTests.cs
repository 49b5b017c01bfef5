using System.Collections.Generic;
using System.Linq;
using GenScheduler.Generator.Model;
using GenScheduler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Tests;

/// <summary>The extraction the analyzer will share: each unusable shape gives its problem, and no job.</summary>
public class ExtractorTests
{
    private static readonly Compilation Unsupported = GeneratorHarness.Compile(CompileTests.UnsupportedShapes);

    [Theory]
    [InlineData("Bad.Methods", "Generic", nameof(JobProblemKind.GenericMethod))]
    [InlineData("Bad.Methods", "ByRef", nameof(JobProblemKind.ByRefParameter))]
    [InlineData("Bad.Methods", "InParameter", nameof(JobProblemKind.ByRefParameter))]
    [InlineData("Bad.Methods", "AsyncVoid", nameof(JobProblemKind.AsyncVoid))]
    [InlineData("Bad.Methods", "WrongReturn", nameof(JobProblemKind.UnsupportedReturnType))]
    [InlineData("Bad.Methods", "TaskOfInt", nameof(JobProblemKind.UnsupportedReturnType))]
    [InlineData("Bad.Methods", "NullableTask", nameof(JobProblemKind.UnsupportedReturnType))]
    [InlineData("Bad.Methods", "UnknownParameter", nameof(JobProblemKind.UnsupportedParameter))]
    [InlineData("Bad.Methods", "TwoTokens", nameof(JobProblemKind.DuplicateParameter))]
    [InlineData("Bad.Methods", "ZeroInterval", nameof(JobProblemKind.NonPositiveInterval))]
    [InlineData("Bad.Methods", "NegativeInterval", nameof(JobProblemKind.NonPositiveInterval))]
    [InlineData("Bad.Methods", "Overflow", nameof(JobProblemKind.IntervalOverflow))]
    [InlineData("Bad.Methods", "EmptyCron", nameof(JobProblemKind.EmptyCronExpression))]
    [InlineData("Bad.Methods", "ThreeFields", nameof(JobProblemKind.WrongCronFieldCount))]
    [InlineData("Bad.Methods", "BadDay", nameof(JobProblemKind.InvalidCronExpression))]
    [InlineData("Bad.Methods", "BadMacro", nameof(JobProblemKind.InvalidCronExpression))]
    [InlineData("Bad.Methods", "NoInstances", nameof(JobProblemKind.InvalidMaxInstances))]
    [InlineData("Bad.Methods", "NegativeGrace", nameof(JobProblemKind.InvalidMisfireGrace))]
    [InlineData("Bad.Methods", "NaNGrace", nameof(JobProblemKind.InvalidMisfireGrace))]
    [InlineData("Bad.Methods", "ZeroGrace", nameof(JobProblemKind.InvalidMisfireGrace))]
    [InlineData("Bad.Methods", "GraceOfNoTicks", nameof(JobProblemKind.InvalidMisfireGrace))]
    [InlineData("Bad.Methods", "BlankName", nameof(JobProblemKind.InvalidName))]
    [InlineData("Bad.Methods", "NeverFires", nameof(JobProblemKind.CronNeverFires))]
    [InlineData("Bad.Methods", "NeverInWindow", nameof(JobProblemKind.CronNeverFires))]
    [InlineData("Bad.Methods", "NoOffset", nameof(JobProblemKind.InvalidInstant))]
    [InlineData("Bad.Methods", "Unparsable", nameof(JobProblemKind.InvalidInstant))]
    [InlineData("Bad.Methods", "EndBeforeStart", nameof(JobProblemKind.EndBeforeStart))]
    [InlineData("Bad.Methods", "BadAt", nameof(JobProblemKind.InvalidInstant))]
    [InlineData("Bad.Methods", "EmptyAt", nameof(JobProblemKind.InvalidInstant))]
    [InlineData("Bad.Methods", "NegativeJitter", nameof(JobProblemKind.InvalidJitter))]
    [InlineData("Bad.Methods", "JitterAsLongAsInterval", nameof(JobProblemKind.JitterNotBelowInterval))]
    [InlineData("Bad.Methods", "NegativeTimeout", nameof(JobProblemKind.InvalidTimeout))]
    [InlineData("Bad.Methods", "NaNTimeout", nameof(JobProblemKind.InvalidTimeout))]
    [InlineData("Bad.Methods", "ObsoleteError", nameof(JobProblemKind.ObsoleteError))]
    [InlineData("Bad.NotPartial", "Private", nameof(JobProblemKind.Inaccessible))]
    [InlineData("Bad.NotPartial", "Protected", nameof(JobProblemKind.Inaccessible))]
    [InlineData("Bad.PartialInsideNonPartial+Hidden", "InPrivateType", nameof(JobProblemKind.Inaccessible))]
    [InlineData("Bad.Abstract", "Instance", nameof(JobProblemKind.CannotCreateInstance))]
    [InlineData("Bad.NeedsArguments", "Instance", nameof(JobProblemKind.CannotCreateInstance))]
    [InlineData("Bad.HasRequired", "Instance", nameof(JobProblemKind.CannotCreateInstance))]
    [InlineData("Bad.IJob", "Run", nameof(JobProblemKind.AbstractMethod))]
    [InlineData("Bad.IJob", "StaticVirtual", nameof(JobProblemKind.StaticVirtualInterfaceMember))]
    [InlineData("Bad.IJob", "StaticAbstract", nameof(JobProblemKind.AbstractMethod))]
    [InlineData("Bad.Methods", "ArgList", nameof(JobProblemKind.VariableArguments))]
    [InlineData("Bad.Generic`1", "InGenericType", nameof(JobProblemKind.GenericContainingType))]
    public void An_unusable_method_gives_its_problem_and_no_job(string type, string method, string expected)
    {
        JobExtraction extraction = Extractions.Of(Unsupported, type, method);

        Assert.Null(extraction.Job);
        Assert.Contains(extraction.Problems, p => p.Kind.ToString() == expected);
        Assert.All(extraction.Problems, p => Assert.False(string.IsNullOrEmpty(p.Message)));
    }

    [Fact]
    public void A_method_in_a_file_local_type_is_left_out()
    {
        INamedTypeSymbol type = Unsupported.GetSymbolsWithName("FileLocal", SymbolFilter.Type).OfType<INamedTypeSymbol>().Single();
        IMethodSymbol method = type.GetMembers("InFileLocalType").OfType<IMethodSymbol>().Single();

        JobExtraction extraction = JobExtractor.Extract(method, Unsupported, default);

        Assert.Equal(JobProblemKind.FileLocalType, Assert.Single(extraction.Problems).Kind);
    }

    [Fact]
    public void A_duplicate_id_keeps_the_first_job_by_method_key_and_reports_the_rest()
    {
        var jobs = new[] { "Good", "DuplicateId" }.Select(m => Extractions.Of(Unsupported, "Bad.Methods", m).Job).ToList();

        JobTableModel table = JobTableBuilder.Build(jobs, out List<KeyValuePair<string, JobProblem>> duplicates);

        Assert.Equal("global::Bad.Methods.DuplicateId()", Assert.Single(table.Jobs).MethodKey);
        KeyValuePair<string, JobProblem> duplicate = Assert.Single(duplicates);
        Assert.Equal("global::Bad.Methods.Good()", duplicate.Key);
        Assert.Equal(JobProblemKind.DuplicateId, duplicate.Value.Kind);
        Assert.Equal("Bad.Methods.Good", duplicate.Value.Value0);
    }

    [Fact]
    public void Problems_carry_the_offending_values_and_the_attribute_index()
    {
        JobExtraction extraction = Extractions.Of(Unsupported, "Bad.Methods", "Overflow");

        JobProblem problem = Assert.Single(extraction.Problems);
        Assert.Equal(0, problem.AttributeIndex);
        Assert.Equal("Days = 2147483647, Hours = 2147483647", problem.Value0);
    }

    [Fact]
    public void A_supported_method_becomes_an_equatable_model()
    {
        var compilation = GeneratorHarness.Compile("""
            namespace MyApp;

            public partial class Outer
            {
                internal partial struct Inner
                {
                    [Interval(Minutes = 1, Seconds = 30, Name = "custom", MisfireGraceSeconds = 2.5, Coalesce = false, MaxInstances = 4)]
                    private Task Work(JobContext context, CancellationToken token) => Task.CompletedTask;
                }
            }
            """);

        JobExtraction first = Extractions.Of(compilation, "MyApp.Outer+Inner", "Work");
        JobExtraction again = Extractions.Of(compilation.Clone(), "MyApp.Outer+Inner", "Work");

        Assert.Empty(first.Problems);
        Assert.Equal(first, again);
        JobModel job = first.Job!;
        Assert.Equal("custom", job.Id);
        Assert.Equal("MyApp.Outer.Inner.Work", job.DefaultId);
        Assert.Equal(AccessKind.Thunk, job.Access);
        Assert.False(job.IsStatic);
        Assert.Equal(ReturnKind.Task, job.ReturnKind);
        Assert.Equal([ParameterKind.JobContext, ParameterKind.CancellationToken], job.Parameters);
        Assert.Equal(new IntervalTriggerModel(0, 0, 1, 30, 0, 900_000_000), Assert.Single(job.Triggers));
        Assert.Equal(new JobOptionsModel(25_000_000, false, 4), job.Options);
    }

    [Theory]
    [InlineData("0 0 29 2 *")]
    [InlineData("0 0 29 2 1")]
    [InlineData("0 0 31 12 *")]
    public void Dates_that_exist_only_in_some_years_still_fire(string expression)
    {
        var compilation = GeneratorHarness.Compile($$"""
            public static class Jobs
            {
                [Cron("{{expression}}")]
                public static void Run() { }
            }
            """);

        Assert.Empty(Extractions.Of(compilation, "Jobs", "Run").Problems);
    }

    [Fact]
    public void Instants_keep_the_offset_as_written_and_a_fraction_of_a_second()
    {
        var compilation = GeneratorHarness.Compile("""
            public static class Jobs
            {
                [Interval(Seconds = 3, Start = "2026-12-01T10:00:00.25+01:00", End = "2026-12-02T09:00Z")]
                public static void Run() { }
            }
            """);

        var trigger = (IntervalTriggerModel)Extractions.Of(compilation, "Jobs", "Run").Job!.Triggers[0];

        Assert.Equal(new System.DateTimeOffset(2026, 12, 1, 10, 0, 0, 250, System.TimeSpan.FromHours(1)), trigger.Start!.Value);
        Assert.Equal("2026-12-01 10:00:00.25 +01:00", trigger.Start.ToString());
        Assert.Equal("2026-12-02 09:00:00 UTC", trigger.End!.ToString());
    }

    [Fact]
    public void Problems_say_which_argument_is_wrong()
    {
        JobProblem noOffset = Assert.Single(Extractions.Of(Unsupported, "Bad.Methods", "NoOffset").Problems);
        JobProblem jitter = Assert.Single(Extractions.Of(Unsupported, "Bad.Methods", "JitterAsLongAsInterval").Problems);
        JobProblem cron = Assert.Single(Extractions.Of(Unsupported, "Bad.Methods", "BadDay").Problems);

        Assert.Equal((ProblemSite.Argument, "Start"), (noOffset.Site, noOffset.Argument));
        Assert.Contains("no offset", noOffset.Message, System.StringComparison.Ordinal);
        Assert.Equal((ProblemSite.Argument, "JitterSeconds"), (jitter.Site, jitter.Argument));
        Assert.Equal((ProblemSite.Argument, JobProblem.ConstructorArgument), (cron.Site, cron.Argument));
        Assert.Contains("the Days of month field (3rd) is \"32\": value must be a number between 1 and 31", cron.Message, System.StringComparison.Ordinal);
    }
}
