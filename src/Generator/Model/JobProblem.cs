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

    /// <summary>A <c>static virtual</c> interface member, which C# calls only through a type parameter (CS8926). Values: none.</summary>
    StaticVirtualInterfaceMember,

    /// <summary>
    /// The return type is not <c>void</c>, <c>Task</c> or <c>ValueTask</c>. Values: the return type; for a user's type
    /// named like <c>Task</c> or <c>ValueTask</c>, the assembly that defines it (else empty).
    /// </summary>
    UnsupportedReturnType,

    /// <summary>The method is <c>async void</c>. Values: none.</summary>
    AsyncVoid,

    /// <summary>
    /// A parameter is not a <c>CancellationToken</c> or a <c>JobContext</c>. Values: parameter name, its type; for a
    /// user's type named like one of them, the assembly that defines it and the assembly of the real one (else empty).
    /// </summary>
    UnsupportedParameter,

    /// <summary>
    /// With GenScheduler.Hosting, a service parameter of a type dependency injection cannot hand out (a pointer, a ref
    /// struct, <c>dynamic</c>). Values: parameter name, its type, why.
    /// </summary>
    UnsupportedService,

    /// <summary>A parameter is <c>ref</c>, <c>out</c> or <c>in</c>. Values: parameter name.</summary>
    ByRefParameter,

    /// <summary>Two parameters of the same kind. Values: parameter name, its type.</summary>
    DuplicateParameter,

    /// <summary>The method takes <c>__arglist</c>, a variable argument list the scheduler has nothing to pass for. Values: none.</summary>
    VariableArguments,

    /// <summary>
    /// An instance method whose type cannot be created for each run (abstract, interface, static; without GenScheduler.Hosting,
    /// no parameterless constructor; required members the constructor does not set; a constructor parameter dependency
    /// injection cannot supply). Values: the type, the reason, the fix.
    /// </summary>
    CannotCreateInstance,

    /// <summary>The method is in a file-local type, which generated code cannot name. Values: the type.</summary>
    FileLocalType,

    /// <summary>
    /// The method (or the constructor) is not accessible from the assembly, and no thunk can be generated because the
    /// type is not accessible or it or a containing type is not partial. Values: the member, the reason.
    /// </summary>
    Inaccessible,

    /// <summary>The method, a containing type or the constructor used is obsolete with <c>error: true</c>, so no code may call it. Values: the obsolete symbol.</summary>
    ObsoleteError,

    /// <summary>
    /// The interval is zero or negative, or no unit is set. Values: the units set, as written (or
    /// <see cref="JobProblem.IntervalNoUnits"/>); when some are set, what they total (<c>is zero</c>, <c>adds up to a negative length</c>…).
    /// </summary>
    NonPositiveInterval,

    /// <summary>The interval is longer than <c>TimeSpan.MaxValue</c>. Values: the interval as written.</summary>
    IntervalOverflow,

    /// <summary>The cron expression is missing or empty. Values: none.</summary>
    EmptyCronExpression,

    /// <summary>The cron expression has neither five nor six fields. Values: the expression, the field count.</summary>
    WrongCronFieldCount,

    /// <summary>Cronos could not parse the expression. Values: the expression, what is wrong (field, value, allowed range).</summary>
    InvalidCronExpression,

    /// <summary>The cron expression parses but never fires (or not between Start and End). Values: the expression, the window or empty.</summary>
    CronNeverFires,

    /// <summary><c>MisfireGraceSeconds</c> is not positive (or rounds to zero ticks), or NaN. Values: the value.</summary>
    InvalidMisfireGrace,

    /// <summary><c>MaxInstances</c> is less than 1. Values: the value.</summary>
    InvalidMaxInstances,

    /// <summary><c>Name</c> is empty or white space. Values: the name.</summary>
    InvalidName,

    /// <summary><c>JitterSeconds</c> is negative or NaN. Values: the value.</summary>
    InvalidJitter,

    /// <summary><c>JitterSeconds</c> is not smaller than an interval of the job. Values: the jitter in seconds, the interval in words.</summary>
    JitterNotBelowInterval,

    /// <summary><c>TimeoutSeconds</c> is negative or NaN. Values: the value.</summary>
    InvalidTimeout,

    /// <summary><c>TimeoutSeconds</c> is positive but rounds to zero ticks, which the runtime rejects. Values: the value.</summary>
    TimeoutBelowOneTick,

    /// <summary>A time option (grace, jitter, timeout) is more than a <c>TimeSpan</c> holds. Values: the option, the value.</summary>
    OptionTooLong,

    /// <summary><c>Executor</c> is a number no <c>JobExecutor</c> member has (<c>(JobExecutor)7</c>). Values: the number, the members in words.</summary>
    InvalidExecutor,

    /// <summary><c>Start</c>, <c>End</c> or the <c>[At]</c> instant does not parse, or has no offset. Values: the property, the text, what is wrong.</summary>
    InvalidInstant,

    /// <summary><c>End</c> is before <c>Start</c>. Values: the end, the start (as written).</summary>
    EndBeforeStart,

    /// <summary>Another job has the same id and comes first (by method key). Values: the id, the method that keeps it.</summary>
    DuplicateId,

    /// <summary>
    /// With GenScheduler.Hosting, the type has several constructors dependency injection could use and none is chosen: two
    /// take the most parameters, or several are marked <c>[ActivatorUtilitiesConstructor]</c>. Values: the type, which constructors tie.
    /// </summary>
    AmbiguousConstructor,

    // Advice: found only when the analyzer asks for it (JobExtractor.Extract with includeAdvice), and never keeps a job out.

    /// <summary>The time zone id is not known on this machine, nor a known IANA or Windows id. Values: the id.</summary>
    UnknownTimeZone,

    /// <summary>The time zone id is a Windows id. Values: the id, its IANA id.</summary>
    WindowsTimeZone,

    /// <summary>Cron fire times fall in the spring-forward gap. Values: the times, the zone, what happens instead.</summary>
    DaylightSavingGap,

    /// <summary>Cron fire times fall in the fall-back overlap. Values: the times, the zone, what happens.</summary>
    DaylightSavingOverlap,

    /// <summary>The interval is shorter than the timer resolution the scheduler can rely on. Values: the interval in words, the floor in words.</summary>
    ShortInterval,

    /// <summary>A cron expression restricts both the day of month and the day of week, which Cronos ANDs. Values: the two fields.</summary>
    DayOfMonthAndWeek,

    /// <summary>An attribute repeats an earlier one exactly. Values: the earlier attribute's position (1-based).</summary>
    DuplicateAttribute,

    /// <summary>An <c>[At]</c> instant or an <c>End</c> is already in the past, so that schedule never fires. Values: which (<c>The instant</c>, <c>End</c>), the instant.</summary>
    PastInstant,

    /// <summary>
    /// <c>[Job]</c> beside a schedule attribute (GS0024), at the <c>[Job]</c>. An error the analyzer reports; the table keeps
    /// the scheduled job its schedule attributes make, as if <c>[Job]</c> were not there, and no target. Values: none.
    /// </summary>
    JobWithSchedule,

    /// <summary>
    /// With GenScheduler.Hosting, the job's type is created per run from dependency injection (GS0025, a note at the first
    /// schedule attribute). Values: the type's name, its constructor's parameter types.
    /// </summary>
    CreatedFromServices,
}

/// <summary>Where in the source a problem is, for the analyzer to put its squiggle.</summary>
internal enum ProblemSite
{
    /// <summary>The method's name.</summary>
    MethodName,

    /// <summary>The method's type parameter list.</summary>
    TypeParameters,

    /// <summary>The method's return type.</summary>
    ReturnType,

    /// <summary>One parameter (<see cref="JobProblem.ParameterIndex"/>).</summary>
    Parameter,

    /// <summary>One schedule attribute (<see cref="JobProblem.AttributeIndex"/>), as a whole.</summary>
    Attribute,

    /// <summary>One argument (<see cref="JobProblem.Argument"/>) of one schedule attribute.</summary>
    Argument,
}

/// <summary>One reason a scheduled method was left out, or a piece of advice. Carries no location, only where to look.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="AttributeIndex">The index of the offending schedule attribute among the method's schedule attributes, or -1 for the method itself.</param>
/// <param name="Values">The offending values, as described on each <see cref="JobProblemKind"/>.</param>
internal sealed record JobProblem(JobProblemKind Kind, int AttributeIndex, EquatableArray<string> Values)
{
    /// <summary>The name of the constructor argument, for <see cref="Argument"/>: the attribute's first positional argument.</summary>
    public const string ConstructorArgument = "";

    /// <summary>Where the problem is.</summary>
    public ProblemSite Site { get; init; } = AttributeIndex < 0 ? ProblemSite.MethodName : ProblemSite.Attribute;

    /// <summary>For <see cref="ProblemSite.Argument"/>: the named argument, or <see cref="ConstructorArgument"/>.</summary>
    public string? Argument { get; init; }

    /// <summary>For <see cref="ProblemSite.Parameter"/>: the parameter's index.</summary>
    public int ParameterIndex { get; init; } = -1;

    /// <summary>Whether this is advice (a warning or a note the analyzer gives) rather than a reason to leave the job out.</summary>
    public bool IsAdvice => Kind >= JobProblemKind.UnknownTimeZone;

    /// <summary>Creates a problem about the method itself.</summary>
    public static JobProblem ForMethod(JobProblemKind kind, params string[] values) => new(kind, -1, EquatableArray.Of(values));

    /// <summary>Creates a problem about one part of the method's signature.</summary>
    public static JobProblem ForMethod(JobProblemKind kind, ProblemSite site, int parameterIndex, params string[] values) =>
        new(kind, -1, EquatableArray.Of(values)) { Site = site, ParameterIndex = parameterIndex };

    /// <summary>Creates a problem about one schedule attribute.</summary>
    public static JobProblem ForAttribute(JobProblemKind kind, int attributeIndex, params string[] values) =>
        new(kind, attributeIndex, EquatableArray.Of(values));

    /// <summary>Creates a problem about one argument of one schedule attribute.</summary>
    public static JobProblem ForArgument(JobProblemKind kind, int attributeIndex, string argument, params string[] values) =>
        new(kind, attributeIndex, EquatableArray.Of(values)) { Site = ProblemSite.Argument, Argument = argument };

    /// <summary>The first value, or empty.</summary>
    public string Value0 => Values.Count > 0 ? Values[0] : string.Empty;

    /// <summary>The second value, or empty.</summary>
    public string Value1 => Values.Count > 1 ? Values[1] : string.Empty;

    /// <summary>The third value, or empty.</summary>
    public string Value2 => Values.Count > 2 ? Values[2] : string.Empty;

    /// <summary>The fourth value, or empty.</summary>
    public string Value3 => Values.Count > 3 ? Values[3] : string.Empty;

    /// <summary>A plain-English description, for tests and as the detail of a diagnostic message.</summary>
    public string Message => Kind switch
    {
        JobProblemKind.GenericMethod => "A scheduled method cannot be generic.",
        JobProblemKind.GenericContainingType => $"A scheduled method cannot be in a generic type ('{Value0}').",
        JobProblemKind.NotAnOrdinaryMethod => "Only ordinary methods can be scheduled.",
        JobProblemKind.AbstractMethod => "An abstract method cannot be scheduled.",
        JobProblemKind.StaticVirtualInterfaceMember => "A static virtual interface member cannot be scheduled: C# calls it only through a type parameter.",
        JobProblemKind.VariableArguments => "A scheduled method cannot take __arglist.",
        JobProblemKind.UnsupportedReturnType => $"A scheduled method must return void, Task or ValueTask, not '{Value0}'.",
        JobProblemKind.AsyncVoid => "A scheduled method cannot be 'async void': return Task instead.",
        JobProblemKind.UnsupportedParameter => $"Parameter '{Value0}' has type '{Value1}'; a scheduled method may take only a CancellationToken and a JobContext.",
        JobProblemKind.UnsupportedService => $"Parameter '{Value0}' cannot be a service: its type '{Value1}' {Value2}.",
        JobProblemKind.ByRefParameter => $"Parameter '{Value0}' cannot be ref, out or in.",
        JobProblemKind.DuplicateParameter => $"Parameter '{Value0}': a scheduled method may take at most one '{Value1}'.",
        JobProblemKind.CannotCreateInstance => $"The instance method's type '{Value0}' cannot be created for each run: {Value1}.",
        JobProblemKind.FileLocalType => $"A scheduled method cannot be in the file-local type '{Value0}'.",
        JobProblemKind.Inaccessible => $"'{Value0}' is not accessible from generated code: {Value1}.",
        JobProblemKind.ObsoleteError => $"'{Value0}' is obsolete with error: true, so generated code cannot call it.",
        JobProblemKind.NonPositiveInterval => Value0 == IntervalNoUnits
            ? "The interval has no unit set: set Days, Hours, Minutes, Seconds or Milliseconds."
            : $"The interval ({Value0}) {Value1}; it must be positive.",
        JobProblemKind.IntervalOverflow => $"The interval {Value0} is longer than TimeSpan.MaxValue.",
        JobProblemKind.EmptyCronExpression => "The cron expression is empty.",
        JobProblemKind.WrongCronFieldCount => $"The cron expression \"{Value0}\" has {Value1} fields; it needs 5 (minute hour day month weekday) or 6 (with a leading seconds field).",
        JobProblemKind.InvalidCronExpression => $"The cron expression \"{Value0}\" does not parse: {Value1}",
        JobProblemKind.CronNeverFires => $"The cron expression \"{Value0}\" never fires{Value1}.",
        JobProblemKind.InvalidMisfireGrace => $"MisfireGraceSeconds is {Value0}; it must be positive (PositiveInfinity for no limit): a run starts a moment after its time, so a grace of zero would miss it.",
        JobProblemKind.InvalidMaxInstances => $"MaxInstances is {Value0}; it must be at least 1.",
        JobProblemKind.InvalidName => $"The job name \"{Value0}\" is empty or white space.",
        JobProblemKind.InvalidJitter => $"JitterSeconds is {Value0}; it must be zero or more.",
        JobProblemKind.JitterNotBelowInterval => $"JitterSeconds is {Value0}, not smaller than the interval ({Value1}); runs could swap order.",
        JobProblemKind.InvalidTimeout => $"TimeoutSeconds is {Value0}; it must be positive, or 0 for no limit.",
        JobProblemKind.TimeoutBelowOneTick => $"TimeoutSeconds is {Value0}, which rounds to zero ticks; it must be at least 0.0000001 seconds, or 0 for no limit.",
        JobProblemKind.OptionTooLong => $"{Value0} is {Value1}, more than a TimeSpan holds.",
        JobProblemKind.InvalidExecutor => $"Executor is {Value0}, which is not a JobExecutor ({Value1}).",
        JobProblemKind.InvalidInstant => $"{Value0} \"{Value1}\" is not an instant: {Value2}.",
        JobProblemKind.EndBeforeStart => $"End {Value0} is before Start {Value1}.",
        JobProblemKind.DuplicateId => $"Another job already has the id \"{Value0}\" ({Value1}); give this one another Name.",
        JobProblemKind.AmbiguousConstructor => $"Dependency injection could create '{Value0}' with more than one constructor: {Value1}.",
        JobProblemKind.UnknownTimeZone => $"The time zone \"{Value0}\" is not a known IANA or Windows time-zone id.",
        JobProblemKind.WindowsTimeZone => $"The time zone \"{Value0}\" is a Windows id; the IANA id \"{Value1}\" works on every platform.",
        JobProblemKind.DaylightSavingGap => $"On days when clocks spring forward in {Value1}, {Value0}; {Value2}.",
        JobProblemKind.DaylightSavingOverlap => $"On days when clocks fall back in {Value1}, {Value0}; {Value2}.",
        JobProblemKind.ShortInterval => $"The interval ({Value0}) is shorter than {Value1}, the timer resolution the scheduler can rely on.",
        JobProblemKind.DayOfMonthAndWeek => $"The day of month \"{Value0}\" and the day of week \"{Value1}\" must both match.",
        JobProblemKind.DuplicateAttribute => $"This attribute repeats schedule attribute {Value0} exactly.",
        JobProblemKind.PastInstant => $"{Value0} {Value1} is in the past, so this schedule never fires.",
        JobProblemKind.JobWithSchedule => "[Job] marks a target without a schedule, and the method has a schedule attribute too.",
        JobProblemKind.CreatedFromServices => $"The job's type is created per run from dependency injection with the constructor {Value0}({Value1}).",
        _ => Kind.ToString(),
    };

    /// <summary>What <c>IntervalParser.AsWritten</c> says when no unit is set.</summary>
    public const string IntervalNoUnits = "(no units set)";

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0}: {1}", Kind, Message);
}

/// <summary>What extraction found for one method: a job, or the problems that keep it out.</summary>
/// <param name="MethodKey">The method's key, as in <see cref="JobModel.MethodKey"/>.</param>
/// <param name="Job">The job, or <see langword="null"/> when there are problems.</param>
/// <param name="Problems">
/// Why the method was left out; and, when the analyzer asked for advice, the advice too (<see cref="JobProblem.IsAdvice"/>),
/// which does not keep the job out.
/// </param>
internal sealed record JobExtraction(string MethodKey, JobModel? Job, EquatableArray<JobProblem> Problems);
