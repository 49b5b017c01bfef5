using System;

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

    /// <summary>The job's id, <c>Namespace.Type.Method</c> for generated jobs unless the attribute names it.</summary>
    public string Id { get; }

    /// <summary>When the job fires.</summary>
    public JobTrigger Trigger { get; }

    /// <summary>What a run calls.</summary>
    public JobInvoker Invoker { get; }

    /// <summary>Misfire, coalescing and concurrency options.</summary>
    public JobOptions Options { get; }

    /// <summary>The job as APScheduler prints it: <c>Jobs.Tick (trigger: interval[0:00:03])</c>.</summary>
    /// <returns>The id and the trigger.</returns>
    public override string ToString() => $"{Id} (trigger: {Trigger})";
}
