using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Analyzer;

/// <summary>
/// Every diagnostic GenScheduler reports, <c>GS0001</c> upward. Each links to its section of <c>docs/diagnostics.md</c>;
/// <c>AnalyzerReleases.Unshipped.md</c> lists them all.
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>The category of diagnostics about the method and the job: its shape, reach and id.</summary>
    public const string UsageCategory = "Usage";

    /// <summary>The category of diagnostics about the schedule: cron, intervals, instants, time zones and options.</summary>
    public const string ScheduleCategory = "Schedule";

    /// <summary>The category of diagnostics the generator reports itself, about the job table it generates; the analyzer reports none of them.</summary>
    public const string GeneratorCategory = "Generator";

    private const string HelpBase = "https://github.com/genscheduler/genscheduler/blob/main/docs/diagnostics.md#";

    /// <summary>GS0001: a scheduled method cannot be generic or be in a generic type.</summary>
    public static readonly DiagnosticDescriptor GenericMethod = Create(
        "GS0001", "Scheduled method cannot be generic",
        "Scheduled method '{0}' cannot be generic: {1}",
        UsageCategory, DiagnosticSeverity.Error);

    /// <summary>GS0002: a parameter the scheduler cannot supply.</summary>
    public static readonly DiagnosticDescriptor UnsupportedParameter = Create(
        "GS0002", "Scheduled method has a parameter the scheduler cannot supply",
        "Scheduled method '{0}' has parameter '{1}' the scheduler cannot supply: {2}",
        UsageCategory, DiagnosticSeverity.Error);

    /// <summary>GS0003: a return type other than void, Task or ValueTask.</summary>
    public static readonly DiagnosticDescriptor UnsupportedReturnType = Create(
        "GS0003", "Scheduled method has an unsupported return type",
        "Scheduled method '{0}' returns '{1}'{2}; return void, Task or ValueTask",
        UsageCategory, DiagnosticSeverity.Error);

    /// <summary>GS0004: async void.</summary>
    public static readonly DiagnosticDescriptor AsyncVoid = Create(
        "GS0004", "Scheduled method is 'async void'",
        "Scheduled method '{0}' is 'async void'; make it 'async Task' so the scheduler can wait for it and see its exceptions",
        UsageCategory, DiagnosticSeverity.Error);

    /// <summary>GS0005: not an ordinary, non-abstract method.</summary>
    public static readonly DiagnosticDescriptor NotSchedulable = Create(
        "GS0005", "Only ordinary, non-abstract methods can be scheduled",
        "'{0}' cannot be scheduled: {1}",
        UsageCategory, DiagnosticSeverity.Error);

    /// <summary>GS0006: the generated job table cannot reach the method.</summary>
    public static readonly DiagnosticDescriptor Unreachable = Create(
        "GS0006", "Scheduled method is not reachable from generated code",
        "Scheduled method '{0}' is not reachable from the generated job table: {1}",
        UsageCategory, DiagnosticSeverity.Error);

    /// <summary>GS0007: the scheduler cannot create the instance method's type. The message says why, and the fix.</summary>
    public static readonly DiagnosticDescriptor CannotCreateInstance = Create(
        "GS0007", "Scheduler cannot create the type of an instance method",
        "The scheduler cannot create '{1}' to run instance method '{0}': {2}; {3}",
        UsageCategory, DiagnosticSeverity.Error);

    /// <summary>GS0008: two jobs with one id. Reported at compilation end.</summary>
    public static readonly DiagnosticDescriptor DuplicateJobId = Create(
        "GS0008", "Two jobs have the same id",
        "The job id \"{0}\" of '{1}' is already used by '{2}'; give one of them a different Name",
        UsageCategory, DiagnosticSeverity.Error, WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>GS0009: the same schedule twice on one method.</summary>
    public static readonly DiagnosticDescriptor DuplicateAttribute = Create(
        "GS0009", "Method is scheduled twice by identical attributes",
        "Method '{0}' is scheduled twice by identical attributes: this one repeats schedule attribute {1}; remove it",
        UsageCategory, DiagnosticSeverity.Warning);

    /// <summary>GS0010: the cron expression does not parse.</summary>
    public static readonly DiagnosticDescriptor InvalidCron = Create(
        "GS0010", "Cron expression does not parse",
        "The cron expression of '{0}' does not parse: {1}",
        ScheduleCategory, DiagnosticSeverity.Error);

    /// <summary>GS0011: the cron expression parses but never fires.</summary>
    public static readonly DiagnosticDescriptor CronNeverFires = Create(
        "GS0011", "Cron expression never fires",
        "The cron expression \"{0}\" of '{1}' never fires{2}; {3}",
        ScheduleCategory, DiagnosticSeverity.Error);

    /// <summary>GS0012: the interval is zero, negative, unset or too long.</summary>
    public static readonly DiagnosticDescriptor InvalidInterval = Create(
        "GS0012", "Interval is not a positive length of time",
        "The interval of '{0}' {1}",
        ScheduleCategory, DiagnosticSeverity.Error);

    /// <summary>GS0013: the interval is shorter than the timer can honour.</summary>
    public static readonly DiagnosticDescriptor ShortInterval = Create(
        "GS0013", "Interval is shorter than the timer resolution",
        "The interval of '{0}' ({1}) is shorter than {2}, the timer resolution the scheduler can rely on; runs will be late or coalesced, so use at least {2}",
        ScheduleCategory, DiagnosticSeverity.Warning);

    /// <summary>GS0014: an unknown time zone id.</summary>
    public static readonly DiagnosticDescriptor UnknownTimeZone = Create(
        "GS0014", "Unknown time zone",
        "The time zone \"{0}\" of '{1}' is not a known IANA or Windows time-zone id; use an IANA id such as \"Europe/Berlin\"",
        ScheduleCategory, DiagnosticSeverity.Error);

    /// <summary>GS0015: a Windows time zone id where an IANA id works everywhere.</summary>
    public static readonly DiagnosticDescriptor WindowsTimeZone = Create(
        "GS0015", "Use the IANA time zone id",
        "The time zone \"{0}\" of '{1}' is a Windows id; use the IANA id \"{2}\", which every platform knows",
        ScheduleCategory, DiagnosticSeverity.Info);

    /// <summary>GS0016: cron fire times in a daylight-saving gap, so the job runs at another time or not at all. A warning: the job does not do what was written.</summary>
    public static readonly DiagnosticDescriptor DaylightSavingGap = Create(
        "GS0016", "Cron time falls in a daylight-saving gap",
        "Cron schedule of '{0}': on days when clocks spring forward in {1}, {2}; {3}",
        ScheduleCategory, DiagnosticSeverity.Warning);

    /// <summary>GS0017: an invalid job option.</summary>
    public static readonly DiagnosticDescriptor InvalidOption = Create(
        "GS0017", "Invalid job option",
        "Invalid job option on '{0}': {1}",
        ScheduleCategory, DiagnosticSeverity.Error);

    /// <summary>GS0018: Start, End or an [At] instant that does not parse or has no offset.</summary>
    public static readonly DiagnosticDescriptor InvalidInstant = Create(
        "GS0018", "Invalid instant",
        "{0} \"{2}\" of '{1}' is not a valid instant: {3}",
        ScheduleCategory, DiagnosticSeverity.Error);

    /// <summary>GS0019: End before Start.</summary>
    public static readonly DiagnosticDescriptor EndBeforeStart = Create(
        "GS0019", "End is before Start",
        "The End of '{0}' ({1}) is before its Start ({2}); swap them or correct the dates",
        ScheduleCategory, DiagnosticSeverity.Error);

    /// <summary>GS0020: cron fire times in a daylight-saving overlap, where the clock time happens twice. A note: running once is what most expect.</summary>
    public static readonly DiagnosticDescriptor DaylightSavingOverlap = Create(
        "GS0020", "Cron time falls in a daylight-saving overlap",
        "Cron schedule of '{0}': on days when clocks fall back in {1}, {2}; {3}",
        ScheduleCategory, DiagnosticSeverity.Info);

    /// <summary>GS0021: an [At] instant or an End already past when the code is compiled.</summary>
    public static readonly DiagnosticDescriptor PastInstant = Create(
        "GS0021", "Instant is in the past",
        "{0} {1} of '{2}' is in the past, so this schedule never fires; move it to the future or remove it",
        ScheduleCategory, DiagnosticSeverity.Warning);

    /// <summary>GS0022: the generator threw on a method, so its job is missing. Reported by the generator.</summary>
    public static readonly DiagnosticDescriptor GeneratorFailed = Create(
        "GS0022", "The generator failed on a scheduled method",
        "GenScheduler failed to generate the job of '{0}' ({1}), so the job table leaves it out; this is a bug in GenScheduler, please report it with this message",
        GeneratorCategory, DiagnosticSeverity.Error);

    /// <summary>GS0023: a referenced assembly already shows this compilation a type with the table's full name. Reported by the generator.</summary>
    public static readonly DiagnosticDescriptor TableNameTaken = Create(
        "GS0023", "The job table's name is taken by a referenced assembly",
        "The job table '{0}' of assembly '{1}' has the full name of a type that the referenced assembly '{2}' makes visible to it, so GenScheduler does not generate it; set <GenSchedulerNamespace> in one of the two projects to a namespace of its own",
        GeneratorCategory, DiagnosticSeverity.Error);

    /// <summary>GS0024: [Job] (a target without a schedule) on a method that has a schedule attribute too. Reported at the [Job].</summary>
    public static readonly DiagnosticDescriptor JobWithSchedule = Create(
        "GS0024", "Method has [Job] and a schedule attribute",
        "Method '{0}' has [Job] and a schedule attribute, but [Job] marks a target without a schedule; remove [Job], or the schedule attributes",
        UsageCategory, DiagnosticSeverity.Error);

    /// <summary>GS0025: with GenScheduler.Hosting, which constructor creates the job's type from dependency injection. A note at the attribute.</summary>
    public static readonly DiagnosticDescriptor CreatedFromServices = Create(
        "GS0025", "Job is created from dependency injection",
        "Job '{0}' is created per run from dependency injection with the constructor {1}({2})",
        UsageCategory, DiagnosticSeverity.Info);

    /// <summary>GS0026: with GenScheduler.Hosting, two constructors tie for dependency injection, and none is marked to break the tie.</summary>
    public static readonly DiagnosticDescriptor AmbiguousConstructor = Create(
        "GS0026", "Constructor for dependency injection is ambiguous",
        "The scheduler cannot choose the constructor that creates '{1}' from dependency injection to run instance method '{0}': {2}; mark the one to use with [ActivatorUtilitiesConstructor]",
        UsageCategory, DiagnosticSeverity.Error);

    /// <summary>GS0027: a cron expression restricts both the day of month and the day of week, which must then both match (not either, as in Vixie cron).</summary>
    public static readonly DiagnosticDescriptor DayOfMonthAndWeek = Create(
        "GS0027", "Cron day of month and day of week must both match",
        "Cron schedule of '{0}': the day of month \"{1}\" and the day of week \"{2}\" must both match (Cronos), so it fires only on days that are both; for either (Vixie cron's reading), use two [Cron] attributes",
        ScheduleCategory, DiagnosticSeverity.Info);

    /// <summary>Every descriptor, in id order.</summary>
    public static readonly DiagnosticDescriptor[] All =
    {
        GenericMethod, UnsupportedParameter, UnsupportedReturnType, AsyncVoid, NotSchedulable, Unreachable, CannotCreateInstance,
        DuplicateJobId, DuplicateAttribute, InvalidCron, CronNeverFires, InvalidInterval, ShortInterval, UnknownTimeZone,
        WindowsTimeZone, DaylightSavingGap, InvalidOption, InvalidInstant, EndBeforeStart, DaylightSavingOverlap,
        PastInstant, GeneratorFailed, TableNameTaken, JobWithSchedule, CreatedFromServices, AmbiguousConstructor,
        DayOfMonthAndWeek,
    };

    /// <summary>The descriptors the analyzer reports: all but the generator's own (<see cref="GeneratorCategory"/>).</summary>
    public static readonly DiagnosticDescriptor[] ReportedByAnalyzer = System.Array.FindAll(All, static d => d.Category != GeneratorCategory);

    private static DiagnosticDescriptor Create(
        string id, string title, string message, string category, DiagnosticSeverity severity, params string[] customTags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true,
            helpLinkUri: HelpBase + id.ToLowerInvariant(), customTags: customTags);
}
