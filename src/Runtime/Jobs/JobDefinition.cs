using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace GenScheduler;

/// <summary>
/// One row of the job table: what to run, when, and how. The source generator emits one per scheduled
/// method; code can also create them to add jobs at run time.
/// </summary>
public sealed class JobDefinition
{
    /// <summary>Creates a job definition.</summary>
    /// <param name="id">A stable, unique job id.</param>
    /// <param name="trigger">When the job fires.</param>
    /// <param name="invoker">What a run calls.</param>
    /// <param name="options">Misfire, coalescing and concurrency options; <see cref="JobOptions.Default"/> when omitted.</param>
    public JobDefinition(string id, JobTrigger trigger, JobInvoker invoker, JobOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(invoker);
        Id = id;
        Trigger = trigger;
        Invoker = invoker;
        Options = options ?? JobOptions.Default;
        Options.Validate(id);
    }

    /// <summary>
    /// A target without a schedule: a <see cref="JobAttribute"/> method as the generator emits it. A scheduler holds it as
    /// callable, and <see cref="Scheduler.AddJob(string, string, JobTrigger, JobOptions?)"/> schedules it by <paramref name="id"/>.
    /// </summary>
    /// <param name="id">The target's id, <c>Namespace.Type.Method</c> unless the attribute names it.</param>
    /// <param name="invoker">What a run calls.</param>
    /// <param name="options">The options a job made from it has unless <c>AddJob</c> passes its own.</param>
    /// <param name="requiredServices">The services its runs take from dependency injection (<see cref="RequiredServices"/>); none when omitted.</param>
    /// <returns>The definition, whose <see cref="IsScheduled"/> is <see langword="false"/>.</returns>
    public static JobDefinition Unscheduled(string id, JobInvoker invoker, JobOptions? options = null, IReadOnlyList<Type>? requiredServices = null) =>
        new(id, UnscheduledTrigger.Instance, invoker, options) { RequiredServices = requiredServices ?? [] };

    /// <summary>
    /// The id of the <see cref="JobAttribute"/> target this job runs, when it was added by target with
    /// <see cref="Scheduler.AddJob(string, string, JobTrigger, JobOptions?)"/>; <see langword="null"/> for a job of the table
    /// and for a delegate. A persistent store keeps this id, never the code.
    /// </summary>
    public string? Target { get; private init; }

    /// <summary>A job that runs <paramref name="target"/> on <paramref name="trigger"/>.</summary>
    internal static JobDefinition ForTarget(string id, JobTrigger trigger, JobDefinition target, JobOptions? options) =>
        new(id, trigger, target.Invoker, options ?? target.Options) { Target = target.Id, RequiredServices = target.RequiredServices };

    /// <summary>The same job with another trigger or options, keeping its target.</summary>
    internal JobDefinition With(JobTrigger trigger, JobOptions options) =>
        new(Id, trigger, Invoker, options) { Target = Target, RequiredServices = RequiredServices };

    /// <summary>Whether the definition has a schedule; <see langword="false"/> for a target made by <see cref="Unscheduled"/>.</summary>
    public bool IsScheduled => Trigger is not UnscheduledTrigger;

    /// <summary>The job's id, <c>Namespace.Type.Method</c> for generated jobs unless the attribute names it.</summary>
    public string Id { get; }

    /// <summary>When the job fires.</summary>
    public JobTrigger Trigger { get; }

    /// <summary>What a run calls.</summary>
    public JobInvoker Invoker { get; }

    /// <summary>Misfire, coalescing and concurrency options.</summary>
    public JobOptions Options { get; }

    /// <summary>
    /// The services a run takes from dependency injection (its type's constructor parameters and the method's service
    /// parameters), as the generator found them; empty for a job that needs none. A scheduler refuses to start a job that
    /// needs services without <see cref="SchedulerOptions.Services"/>, and the hosting package checks each is registered.
    /// </summary>
    public IReadOnlyList<Type> RequiredServices { get; init; } = [];

    /// <summary>Whether <see cref="RequiredServices"/> names any.</summary>
    internal bool NeedsServices
    {
        // Inlined into the loops over a batch, which are optimised at their first call while this would not yet be.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => RequiredServices.Count > 0;
    }

    /// <summary>The job as APScheduler prints it: <c>Jobs.Tick (trigger: interval[0:00:03])</c>.</summary>
    /// <returns>The id and the trigger.</returns>
    public override string ToString() => $"{Id} (trigger: {Trigger})";
}
