using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using GenScheduler.Generator.Extraction;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator;

/// <summary>
/// Turns a method and its schedule attributes into a <see cref="JobModel"/>, or into the problems that keep it out of
/// the job table; a method with <c>[Job]</c> and no schedule attribute is a target, a job with no trigger. Reports
/// nothing itself: the generator skips what has problems and the analyzer reports them. The checks live in
/// <c>Extraction/</c>: <see cref="MethodShape"/>, <see cref="MethodAccess"/>, <see cref="TriggerReader"/>,
/// <see cref="OptionsReader"/> and, for the analyzer only, <see cref="ScheduleAdvisor"/>.
/// </summary>
internal static class JobExtractor
{
    /// <summary>The metadata name of <c>[Interval]</c>.</summary>
    public const string IntervalAttributeName = ScheduleAttributes.IntervalAttributeName;

    /// <summary>The metadata name of <c>[Cron]</c>.</summary>
    public const string CronAttributeName = ScheduleAttributes.CronAttributeName;

    /// <summary>The metadata name of <c>[At]</c>.</summary>
    public const string AtAttributeName = ScheduleAttributes.AtAttributeName;

    /// <summary>The metadata name of <c>[Job]</c>.</summary>
    public const string JobAttributeName = ScheduleAttributes.JobAttributeName;

    private static readonly SymbolDisplayFormat MethodKeyFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Included,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>
    /// Extracts the job of <paramref name="method"/>. Never throws for any input short of cancellation.
    /// </summary>
    /// <param name="method">The method carrying <c>[Interval]</c>, <c>[Cron]</c>, <c>[At]</c> and/or <c>[Job]</c>.</param>
    /// <param name="compilation">The compilation, for accessibility checks.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="adviceAsOf">
    /// When set, advice is added too (time zones, daylight saving, short intervals, repeated attributes, instants in the
    /// past, <c>[Job]</c> beside a schedule), as of this instant: the analyzer asks for it, the generator does not, so the
    /// generated table never depends on the clock. Advice never keeps the job out.
    /// </param>
    /// <param name="hosting">
    /// Whether the compilation references GenScheduler.Hosting, so that jobs may take services from dependency injection;
    /// <see langword="null"/> to read it from <paramref name="compilation"/> (<see cref="HostingReference.IsEnabled"/>).
    /// </param>
    /// <returns>The job, or the problems; empty problems and no job when the method has no schedule attribute.</returns>
    public static JobExtraction Extract(
        IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken, DateTimeOffset? adviceAsOf = null, bool? hosting = null)
    {
        method = method.PartialDefinitionPart ?? method;
        string key = GetMethodKey(method);
        ImmutableArray<AttributeData> attributes = GetScheduleAttributes(method);
        if (attributes.IsEmpty)
        {
            return new JobExtraction(key, null, EquatableArray<JobProblem>.Empty);
        }

        var problems = new List<JobProblem>();
        bool services = hosting ?? HostingReference.IsEnabled(compilation);
        MethodShape.Check(method, RuntimeTypes.Of(attributes[0].AttributeClass), services, problems,
            out ReturnKind returnKind, out EquatableArray<ParameterKind> parameters, out List<IParameterSymbol> serviceParameters);
        EquatableArray<TypeModel> types = MethodShape.CheckContainingTypes(method, problems);
        AccessKind access = MethodAccess.Check(method, compilation, services, problems, cancellationToken, out IMethodSymbol? constructor);
        bool isObsolete = MethodAccess.CheckObsolete(method, constructor, problems);
        ServiceScopeModel? scope = services && (constructor is not null || method.IsStatic)
            ? ServiceParameters.Read(method, method.IsStatic ? null : constructor, serviceParameters, compilation, problems, ref isObsolete)
            : null;
        cancellationToken.ThrowIfCancellationRequested();

        var perAttribute = new TriggerModel?[attributes.Length];
        var triggers = new List<TriggerModel>();
        for (int i = 0; i < attributes.Length; i++)
        {
            if ((perAttribute[i] = TriggerReader.Read(attributes[i], i, problems)) is { } trigger)
            {
                triggers.Add(trigger);
            }
        }

        JobOptionsModel options = OptionsReader.Read(attributes, triggers, problems, out string? name, out _);
        bool blocked = problems.Count > 0;
        if (adviceAsOf is { } now)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ScheduleAdvisor.Advise(attributes, perAttribute, problems, now, cancellationToken);
        }

        if (blocked)
        {
            return new JobExtraction(key, null, EquatableArray.From(problems));
        }

        var job = new JobModel(
            Id: string.Empty,
            MethodKey: key,
            Namespace: MethodShape.NamespaceName(method.ContainingNamespace),
            ContainingTypes: types,
            MethodName: method.Name,
            IsStatic: method.IsStatic,
            ReturnKind: returnKind,
            Parameters: parameters,
            Access: access,
            IsObsolete: isObsolete,
            DerivesFromSourceType: MethodAccess.DerivesFromSourceType(method.ContainingType, compilation),
            Triggers: EquatableArray.From(triggers),
            Options: options,
            IsTarget: !ScheduleAttributes.HasSchedule(attributes),
            Services: scope,
            Disposal: MethodShape.DisposalOf(method));
        job = job with { Id = name ?? job.DefaultId };
        if (adviceAsOf is not null && scope is not null && constructor is not null && !method.IsStatic)
        {
            // Which constructor a run uses is decided here, at compile time: the IDE says so at the attribute.
            problems.Add(JobProblem.ForAttribute(JobProblemKind.CreatedFromServices, 0, constructor.ContainingType.Name, Constructors.ParameterTypes(constructor)));
        }

        return new JobExtraction(key, job, EquatableArray.From(problems));
    }

    /// <summary>The method's <c>[Interval]</c>, <c>[Cron]</c>, <c>[At]</c> and <c>[Job]</c> attributes, in source order.</summary>
    public static ImmutableArray<AttributeData> GetScheduleAttributes(IMethodSymbol method) => ScheduleAttributes.Of(method);

    /// <summary>A stable key that tells methods apart: the fully qualified signature.</summary>
    public static string GetMethodKey(IMethodSymbol method) => (method.PartialDefinitionPart ?? method).ToDisplayString(MethodKeyFormat);
}
