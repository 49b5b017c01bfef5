using System.Globalization;

namespace GenScheduler.Generator.Model;

/// <summary>Why a scheduled method was left out of the job table. The analyzer turns each into a diagnostic.</summary>
internal enum JobProblemKind
{
    /// <summary>The method is generic. Values: none.</summary>
    GenericMethod,

    /// <summary>A containing type is generic. Values: the type's name.</summary>
    GenericContainingType,

    /// <summary>Not an ordinary method (a local function, accessor, operator...). Values: none.</summary>
    NotAnOrdinaryMethod,

    /// <summary>The method is abstract. Values: none.</summary>
    AbstractMethod,

    /// <summary>The return type is not <c>void</c>, <c>Task</c> or <c>ValueTask</c>. Values: the return type.</summary>
    UnsupportedReturnType,

    /// <summary>The method is <c>async void</c>. Values: none.</summary>
    AsyncVoid,

    /// <summary>A parameter is not a <c>CancellationToken</c> or a <c>JobContext</c>. Values: parameter name, its type.</summary>
    UnsupportedParameter,

    /// <summary>A parameter is <c>ref</c>, <c>out</c> or <c>in</c>. Values: parameter name.</summary>
    ByRefParameter,

    /// <summary>Two parameters of the same kind. Values: parameter name, its type.</summary>
    DuplicateParameter,

    /// <summary>An instance method whose type cannot be created with <c>new T()</c> (abstract, interface, static, no parameterless constructor, required members). Values: the type, the reason.</summary>
    CannotCreateInstance,

    /// <summary>The method is in a file-local type, which generated code cannot name. Values: the type.</summary>
    FileLocalType,

    /// <summary>
    /// The method (or the constructor) is not accessible from the assembly, and no thunk can be generated because the
    /// type is not accessible or it or a containing type is not partial. Values: the member, the reason.
    /// </summary>
    Inaccessible,

    /// <summary>The interval is zero or negative. Values: the interval as written.</summary>
    NonPositiveInterval,

    /// <summary>The interval is longer than <c>TimeSpan.MaxValue</c>. Values: the interval as written.</summary>
    IntervalOverflow,

    /// <summary>The cron expression is missing or empty. Values: none.</summary>
    EmptyCronExpression,

    /// <summary>The cron expression has neither five nor six fields. Values: the expression, the field count.</summary>
    WrongCronFieldCount,

    /// <summary>Cronos could not parse the expression. Values: the expression, Cronos's message.</summary>
    InvalidCronExpression,

    /// <summary><c>MisfireGraceSeconds</c> is negative, NaN or too large. Values: the value.</summary>
    InvalidMisfireGrace,

    /// <summary><c>MaxInstances</c> is less than 1. Values: the value.</summary>
    InvalidMaxInstances,

    /// <summary><c>Name</c> is empty or white space. Values: the name.</summary>
    InvalidName,

    /// <summary>Another job has the same id and comes first (by method key). Values: the id, the method that keeps it.</summary>
    DuplicateId,
}

/// <summary>One reason a scheduled method was left out. Carries no location: the analyzer knows where it looked.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="AttributeIndex">The index of the offending schedule attribute among the method's schedule attributes, or -1 for the method itself.</param>
/// <param name="Values">The offending values, as described on each <see cref="JobProblemKind"/>.</param>
internal sealed record JobProblem(JobProblemKind Kind, int AttributeIndex, EquatableArray<string> Values)
{
    /// <summary>Creates a problem about the method itself.</summary>
    public static JobProblem ForMethod(JobProblemKind kind, params string[] values) => new(kind, -1, EquatableArray.Of(values));

    /// <summary>Creates a problem about one schedule attribute.</summary>
    public static JobProblem ForAttribute(JobProblemKind kind, int attributeIndex, params string[] values) =>
        new(kind, attributeIndex, EquatableArray.Of(values));

    /// <summary>The first value, or empty.</summary>
    public string Value0 => Values.Count > 0 ? Values[0] : string.Empty;

    /// <summary>The second value, or empty.</summary>
    public string Value1 => Values.Count > 1 ? Values[1] : string.Empty;

    /// <summary>A plain-English description, for tests and as a default diagnostic message.</summary>
    public string Message => Kind switch
    {
        JobProblemKind.GenericMethod => "A scheduled method cannot be generic.",
        JobProblemKind.GenericContainingType => $"A scheduled method cannot be in a generic type ('{Value0}').",
        JobProblemKind.NotAnOrdinaryMethod => "Only ordinary methods can be scheduled.",
        JobProblemKind.AbstractMethod => "An abstract method cannot be scheduled.",
        JobProblemKind.UnsupportedReturnType => $"A scheduled method must return void, Task or ValueTask, not '{Value0}'.",
        JobProblemKind.AsyncVoid => "A scheduled method cannot be 'async void': return Task instead.",
        JobProblemKind.UnsupportedParameter => $"Parameter '{Value0}' has type '{Value1}'; a scheduled method may take only a CancellationToken and a JobContext.",
        JobProblemKind.ByRefParameter => $"Parameter '{Value0}' cannot be ref, out or in.",
        JobProblemKind.DuplicateParameter => $"Parameter '{Value0}': a scheduled method may take at most one '{Value1}'.",
        JobProblemKind.CannotCreateInstance => $"The instance method's type '{Value0}' cannot be created for each run: {Value1}.",
        JobProblemKind.FileLocalType => $"A scheduled method cannot be in the file-local type '{Value0}'.",
        JobProblemKind.Inaccessible => $"'{Value0}' is not accessible from generated code: {Value1}.",
        JobProblemKind.NonPositiveInterval => $"The interval {Value0} is not positive.",
        JobProblemKind.IntervalOverflow => $"The interval {Value0} is longer than TimeSpan.MaxValue.",
        JobProblemKind.EmptyCronExpression => "The cron expression is empty.",
        JobProblemKind.WrongCronFieldCount => $"The cron expression \"{Value0}\" has {Value1} fields; it needs 5 (minute hour day month weekday) or 6 (with a leading seconds field).",
        JobProblemKind.InvalidCronExpression => $"The cron expression \"{Value0}\" does not parse: {Value1}",
        JobProblemKind.InvalidMisfireGrace => $"MisfireGraceSeconds is {Value0}; it must be zero or more (PositiveInfinity for no limit).",
        JobProblemKind.InvalidMaxInstances => $"MaxInstances is {Value0}; it must be at least 1.",
        JobProblemKind.InvalidName => $"The job name \"{Value0}\" is empty or white space.",
        JobProblemKind.DuplicateId => $"Another job already has the id \"{Value0}\" ({Value1}); give this one another Name.",
        _ => Kind.ToString(),
    };

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0}: {1}", Kind, Message);
}

/// <summary>What extraction found for one method: a job, or the problems that keep it out.</summary>
/// <param name="MethodKey">The method's key, as in <see cref="JobModel.MethodKey"/>.</param>
/// <param name="Job">The job, or <see langword="null"/> when there are problems.</param>
/// <param name="Problems">Why the method was left out; empty when <see cref="Job"/> is set.</param>
internal sealed record JobExtraction(string MethodKey, JobModel? Job, EquatableArray<JobProblem> Problems);
