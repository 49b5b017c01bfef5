using System;
using System.Linq;
using GenScheduler.Generator.Emit;
using GenScheduler.Generator.Model;
using GenScheduler.Generator.Tests.Infrastructure;

namespace GenScheduler.Generator.Tests;

/// <summary>
/// A job's property on the table is a function of its method alone (and of the table's namespace): <c>Type_Method</c>,
/// with the namespace relative to the table's in front, and a parameter-list suffix for scheduled overloads. Code
/// elsewhere can never rename it.
/// </summary>
public class NamingTests
{
    private static JobModel Job(string ns, string types, string method, params ParameterKind[] parameters)
    {
        string qualified = (ns.Length == 0 ? string.Empty : ns + ".") + types;
        return new JobModel(
            Id: qualified + "." + method,
            MethodKey: "global::" + qualified + "." + method + "(" + string.Join(", ", parameters) + ")",
            Namespace: ns,
            ContainingTypes: EquatableArray.From(types.Split('.').Select(t => new TypeModel(t, TypeKindModel.Class, true, false, false))),
            MethodName: method,
            IsStatic: true,
            ReturnKind: ReturnKind.Void,
            Parameters: EquatableArray.From(parameters),
            Access: AccessKind.Direct,
            IsObsolete: false,
            DerivesFromSourceType: false,
            Triggers: EquatableArray<TriggerModel>.Empty,
            Options: JobOptionsModel.Default);
    }

    [Theory]
    [InlineData("MyApp", "MyApp", "Jobs", "Tick", "Jobs_Tick")]
    [InlineData("MyApp", "MyApp.Background", "Jobs", "Tick", "Background_Jobs_Tick")]
    [InlineData("MyApp", "MyApp.Background.Nightly", "Outer.Inner", "Tick", "Background_Nightly_Outer_Inner_Tick")]
    [InlineData("MyApp", "Other.Place", "Jobs", "Tick", "Other_Place_Jobs_Tick")]
    [InlineData("MyApp", "MyAppX", "Jobs", "Tick", "MyAppX_Jobs_Tick")]
    [InlineData("MyApp", "", "Jobs", "Tick", "Jobs_Tick")]
    [InlineData("", "MyApp", "Jobs", "Tick", "MyApp_Jobs_Tick")]
    [InlineData("MyApp", "MyApp", "Outer.Inner", "Tick", "Outer_Inner_Tick")]
    [InlineData("MyApp", "MyApp.event", "class", "void", "event_class_void")]
    public void The_name_is_the_type_and_method_after_the_namespace_relative_to_the_table(
        string tableNamespace, string ns, string types, string method, string expected) =>
        Assert.Equal([expected], Names.PropertyNames([Job(ns, types, method)], tableNamespace));

    [Fact]
    public void Scheduled_overloads_take_a_suffix_from_their_parameters_and_the_parameterless_one_keeps_the_bare_name()
    {
        JobModel[] jobs =
        [
            Job("MyApp", "Jobs", "Tick", ParameterKind.JobContext, ParameterKind.CancellationToken),
            Job("MyApp", "Jobs", "Tick"),
            Job("MyApp", "Jobs", "Tick", ParameterKind.CancellationToken),
            Job("MyApp", "Jobs", "Tock", ParameterKind.CancellationToken),
        ];

        Assert.Equal(
            ["Jobs_Tick_JobContext_CancellationToken", "Jobs_Tick", "Jobs_Tick_CancellationToken", "Jobs_Tock"],
            Names.PropertyNames(jobs, "MyApp"));
    }

    [Fact]
    public void Names_that_collide_after_joining_take_a_suffix_in_method_key_order()
    {
        // A.B_C and A_B.C both join to A_B_C; "global::MyApp.A.B_C()" sorts first, whatever the table order.
        JobModel[] jobs = [Job("MyApp", "A_B", "C"), Job("MyApp", "A", "B_C"), Job("MyApp", "Jobs", "Tick")];

        Assert.Equal(["A_B_C_2", "A_B_C", "Jobs_Tick"], Names.PropertyNames(jobs, "MyApp"));
    }

    [Fact]
    public void A_name_the_table_itself_uses_takes_a_suffix()
    {
        // No real method can produce these (a name always has a type part), but the table never hides its own members.
        JobModel all = Job("MyApp", "All", "x") with { ContainingTypes = EquatableArray<TypeModel>.Empty, MethodName = "All" };
        JobModel declared = all with { MethodName = "Declared", MethodKey = "global::Declared()" };

        Assert.Equal(["All_2", "Declared_2"], Names.PropertyNames([all, declared], "MyApp"));
    }

    [Fact]
    public void Adding_a_Tick_job_in_another_class_does_not_rename_the_first()
    {
        const string First = """
            namespace MyApp;

            public static class Jobs
            {
                [Interval(Seconds = 1)] public static void Tick() { }
            }
            """;
        const string Second = """
            namespace MyApp.Reports;

            public static class Other
            {
                [Interval(Seconds = 2)] public static void Tick() { }
            }
            """;
        const string User = """
            namespace MyApp;

            public static class UsesTheTable
            {
                public static JobDefinition Tick => ScheduledJobs.Jobs_Tick;
            }
            """;

        GeneratorHarness.Run(First, User).AssertGeneratorClean().AssertCompilesClean();
        GeneratorRun both = GeneratorHarness.Run(First, User, Second).AssertGeneratorClean().AssertCompilesClean();

        Assert.Contains(" Reports_Other_Tick { get; }", both.Table, StringComparison.Ordinal);
    }
}
