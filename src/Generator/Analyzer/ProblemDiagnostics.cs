using System.Collections.Immutable;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Analyzer;

/// <summary>Turns a <see cref="JobProblem"/> into the descriptor and message arguments of its diagnostic.</summary>
internal static class ProblemDiagnostics
{
    /// <summary>The diagnostic property that names the type the "make it partial" fix changes.</summary>
    public const string PartialTypeProperty = "PartialType";

    /// <summary>The diagnostic property that holds the IANA id for the time-zone fix.</summary>
    public const string IanaIdProperty = "IanaId";

    /// <summary>The diagnostic property that holds the cron expression for the field-count fix.</summary>
    public const string ExpressionProperty = "Expression";

    private static readonly SymbolDisplayFormat MethodFormat = SymbolDisplayFormat.CSharpShortErrorMessageFormat
        .WithParameterOptions(SymbolDisplayParameterOptions.None)
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeContainingType);

    /// <summary>How a method is named in messages: <c>Jobs.Tick</c>.</summary>
    public static string MethodName(IMethodSymbol method) => method.ToDisplayString(MethodFormat);

    /// <summary>Creates the diagnostic of <paramref name="problem"/> at <paramref name="location"/>.</summary>
    public static Diagnostic Create(JobProblem problem, IMethodSymbol method, Location location)
    {
        string name = MethodName(method);
        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
        (DiagnosticDescriptor descriptor, object[] args) = problem.Kind switch
        {
            JobProblemKind.GenericMethod => (DiagnosticDescriptors.GenericMethod, Args(name, "remove its type parameters")),
            JobProblemKind.GenericContainingType => (DiagnosticDescriptors.GenericMethod,
                Args(name, $"its type '{problem.Value0}' is generic, and the job table cannot choose type arguments; move the method to a non-generic type")),
            JobProblemKind.UnsupportedParameter => (DiagnosticDescriptors.UnsupportedParameter, Args(name, problem.Value0, problem.Value2.Length > 0
                ? $"its type '{problem.Value1}' is not the runtime library's but one defined in '{problem.Value2}'; take the {problem.Value1} of '{problem.Value3}'"
                : $"its type is '{problem.Value1}'; a scheduled method may take only a CancellationToken and a JobContext")),
            JobProblemKind.ByRefParameter => (DiagnosticDescriptors.UnsupportedParameter,
                Args(name, problem.Value0, "it is ref, out or in; pass it by value")),
            JobProblemKind.DuplicateParameter => (DiagnosticDescriptors.UnsupportedParameter,
                Args(name, problem.Value0, $"it is a second '{problem.Value1}'; take at most one of each")),
            JobProblemKind.VariableArguments => (DiagnosticDescriptors.UnsupportedParameter,
                Args(name, "__arglist", "it takes a variable argument list, for which the scheduler has nothing to pass; remove __arglist")),
            JobProblemKind.UnsupportedReturnType => (DiagnosticDescriptors.UnsupportedReturnType, Args(name, problem.Value0,
                problem.Value1.Length > 0 ? $", which is not the runtime library's but one defined in '{problem.Value1}'" : string.Empty)),
            JobProblemKind.AsyncVoid => (DiagnosticDescriptors.AsyncVoid, Args(name)),
            JobProblemKind.NotAnOrdinaryMethod => (DiagnosticDescriptors.NotSchedulable,
                Args(name, "only ordinary methods can be scheduled, not accessors, operators, local functions or lambdas; move the work into a method")),
            JobProblemKind.AbstractMethod => (DiagnosticDescriptors.NotSchedulable,
                Args(name, "it is abstract and has no body to run; schedule a method that has one")),
            JobProblemKind.StaticVirtualInterfaceMember => (DiagnosticDescriptors.NotSchedulable,
                Args(name, "it is a static virtual interface member, which C# calls only through a type parameter; remove 'virtual', or schedule a method of a type that implements the interface")),
            JobProblemKind.FileLocalType => (DiagnosticDescriptors.Unreachable,
                Args(name, $"it is in the file-local type '{problem.Value0}', which generated code cannot name; remove the 'file' modifier")),
            JobProblemKind.Inaccessible => (DiagnosticDescriptors.Unreachable, Args(name, $"'{problem.Value0}' is inaccessible: {problem.Value1}")),
            JobProblemKind.ObsoleteError => (DiagnosticDescriptors.Unreachable,
                Args(name, $"'{problem.Value0}' is obsolete with error: true, which no code may call; remove the error flag or the schedule")),
            JobProblemKind.CannotCreateInstance => (DiagnosticDescriptors.CannotCreateInstance, Args(name, problem.Value0, problem.Value1, problem.Value2)),
            JobProblemKind.AmbiguousConstructor => (DiagnosticDescriptors.AmbiguousConstructor, Args(name, problem.Value0, problem.Value1)),
            JobProblemKind.CreatedFromServices => (DiagnosticDescriptors.CreatedFromServices, Args(name, problem.Value0, problem.Value1)),
            JobProblemKind.UnsupportedService => (DiagnosticDescriptors.UnsupportedParameter,
                Args(name, problem.Value0, $"its type '{problem.Value1}' {problem.Value2}")),
            JobProblemKind.DuplicateAttribute => (DiagnosticDescriptors.DuplicateAttribute, Args(name, problem.Value0)),
            JobProblemKind.EmptyCronExpression => (DiagnosticDescriptors.InvalidCron,
                Args(name, "it is empty; write five fields (minute hour day month weekday) such as \"0 9 * * *\", or six with a leading seconds field")),
            JobProblemKind.WrongCronFieldCount => (DiagnosticDescriptors.InvalidCron,
                Args(name, $"\"{problem.Value0}\" has {problem.Value1} fields; write 5 (minute hour day month weekday) or 6 (second minute hour day month weekday)")),
            JobProblemKind.InvalidCronExpression => (DiagnosticDescriptors.InvalidCron, Args(name, $"\"{problem.Value0}\": {problem.Value1}")),
            JobProblemKind.CronNeverFires => (DiagnosticDescriptors.CronNeverFires, Args(problem.Value0, name, problem.Value1,
                problem.Value1.Length == 0
                    ? "check the day and the month (February has 29 days at most; April, June, September and November have 30)"
                    : "move Start or End, or change the expression")),
            JobProblemKind.NonPositiveInterval => (DiagnosticDescriptors.InvalidInterval, Args(name, problem.Value0 == JobProblem.IntervalNoUnits
                ? "has no unit set; set Days, Hours, Minutes, Seconds or Milliseconds, such as Seconds = 30"
                : $"({problem.Value0}) {problem.Value1}; make it positive" + (problem.Value1.EndsWith("zero", System.StringComparison.Ordinal) ? ", such as Seconds = 30" : string.Empty))),
            JobProblemKind.IntervalOverflow => (DiagnosticDescriptors.InvalidInterval,
                Args(name, $"({problem.Value0}) is longer than TimeSpan.MaxValue; use a shorter interval")),
            JobProblemKind.ShortInterval => (DiagnosticDescriptors.ShortInterval, Args(name, problem.Value0, problem.Value1)),
            JobProblemKind.DayOfMonthAndWeek => (DiagnosticDescriptors.DayOfMonthAndWeek, Args(name, problem.Value0, problem.Value1)),
            JobProblemKind.UnknownTimeZone => (DiagnosticDescriptors.UnknownTimeZone, Args(problem.Value0, name)),
            JobProblemKind.WindowsTimeZone => (DiagnosticDescriptors.WindowsTimeZone, Args(problem.Value0, name, problem.Value1)),
            JobProblemKind.DaylightSavingGap => (DiagnosticDescriptors.DaylightSavingGap, Args(name, problem.Value1, problem.Value0, problem.Value2)),
            JobProblemKind.DaylightSavingOverlap => (DiagnosticDescriptors.DaylightSavingOverlap, Args(name, problem.Value1, problem.Value0, problem.Value2)),
            JobProblemKind.InvalidMisfireGrace => (DiagnosticDescriptors.InvalidOption,
                Args(name, $"MisfireGraceSeconds is {problem.Value0}; use zero or more, or double.PositiveInfinity for no limit")),
            JobProblemKind.InvalidMaxInstances => (DiagnosticDescriptors.InvalidOption,
                Args(name, $"MaxInstances is {problem.Value0}; use 1 or more")),
            JobProblemKind.InvalidName => (DiagnosticDescriptors.InvalidOption,
                Args(name, $"Name \"{problem.Value0}\" is empty or white space; give a name, or leave Name out to use the method's")),
            JobProblemKind.InvalidJitter => (DiagnosticDescriptors.InvalidOption,
                Args(name, $"JitterSeconds is {problem.Value0}; use zero or more")),
            JobProblemKind.JitterNotBelowInterval => (DiagnosticDescriptors.InvalidOption,
                Args(name, $"JitterSeconds is {problem.Value0}, not smaller than the interval ({problem.Value1}), so runs could overtake each other; use less jitter")),
            JobProblemKind.InvalidTimeout => (DiagnosticDescriptors.InvalidOption,
                Args(name, $"TimeoutSeconds is {problem.Value0}; use a positive number of seconds, or 0 for no limit")),
            JobProblemKind.TimeoutBelowOneTick => (DiagnosticDescriptors.InvalidOption,
                Args(name, $"TimeoutSeconds is {problem.Value0}, shorter than the 100-nanosecond tick a TimeSpan counts in, so the runtime would see no time at all; use at least 0.0000001 seconds, or 0 for no limit")),
            JobProblemKind.OptionTooLong => (DiagnosticDescriptors.InvalidOption,
                Args(name, $"{problem.Value0} is {problem.Value1}, more than a TimeSpan holds (TimeSpan.MaxValue is about 29,227 years); use a smaller value")),
            JobProblemKind.InvalidExecutor => (DiagnosticDescriptors.InvalidOption,
                Args(name, $"Executor is {problem.Value0}, which is not a JobExecutor; use {problem.Value1}")),
            JobProblemKind.JobWithSchedule => (DiagnosticDescriptors.JobWithSchedule, Args(name)),
            JobProblemKind.InvalidInstant => (DiagnosticDescriptors.InvalidInstant, Args(problem.Value0, name, problem.Value1, problem.Value2)),
            JobProblemKind.EndBeforeStart => (DiagnosticDescriptors.EndBeforeStart, Args(name, problem.Value0, problem.Value1)),
            JobProblemKind.PastInstant => (DiagnosticDescriptors.PastInstant, Args(problem.Value0, problem.Value1, name)),
            _ => (DiagnosticDescriptors.InvalidOption, Args(name, problem.Message)),
        };

        if (problem.Kind == JobProblemKind.Inaccessible && problem.Value2.Length > 0)
        {
            properties = properties.Add(PartialTypeProperty, problem.Value2);
        }
        else if (problem.Kind == JobProblemKind.WindowsTimeZone)
        {
            properties = properties.Add(IanaIdProperty, problem.Value1);
        }
        else if (problem.Kind is JobProblemKind.InvalidCronExpression or JobProblemKind.WrongCronFieldCount)
        {
            properties = properties.Add(ExpressionProperty, problem.Value0);
        }

        return Diagnostic.Create(descriptor, location, properties, args);
    }

    private static object[] Args(params object[] args) => args;
}
