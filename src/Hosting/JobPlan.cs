using System;
using System.Collections.Generic;

namespace GenScheduler.Hosting;

/// <summary>
/// The jobs the scheduler gets: the table with the overrides applied (a new definition for each job whose trigger or
/// options change; the table's own for the rest), without the disabled ones, and the ids to pause before the start.
/// </summary>
internal sealed class JobPlan
{
    private JobPlan(IReadOnlyList<JobDefinition> jobs, List<string> disabled, List<string> paused, List<string> problems)
    {
        Jobs = jobs;
        Disabled = disabled;
        Paused = paused;
        Problems = problems;
    }

    public IReadOnlyList<JobDefinition> Jobs { get; }

    /// <summary>Each disabled job as the log names it: its id and what disabled it.</summary>
    public IReadOnlyList<string> Disabled { get; }

    public IReadOnlyList<string> Paused { get; }

    /// <summary>What code's overrides got wrong (configuration's are found while it is read).</summary>
    public IReadOnlyList<string> Problems { get; }

    public static JobPlan Create(HostedJobs table, GenSchedulerOptions options)
    {
        var problems = new List<string>();
        var disabled = new List<string>();
        var paused = new List<string>();
        if (options.Jobs.Count == 0)
        {
            // No overrides: the table itself, not a copy of a million rows.
            return new JobPlan(table.Jobs, disabled, paused, problems);
        }

        foreach (var id in options.Jobs.Keys)
        {
            // Configuration resolved its keys already; this catches code's Job("…") with an id the table lacks.
            if (!table.TryResolve(id, out var job, out string? why) || job.Id != id)
            {
                problems.Add($"GenSchedulerOptions.Job(\"{id}\") names no job: {why ?? $"the id is \"{job!.Id}\", in another case"}");
            }
        }

        var jobs = new List<JobDefinition>(table.Jobs.Count);
        foreach (var definition in table.Jobs)
        {
            if (!options.Jobs.TryGetValue(definition.Id, out var change))
            {
                jobs.Add(definition);
                continue;
            }

            if (!change.Enabled)
            {
                disabled.Add($"\"{definition.Id}\" ({change.EnabledSource})");
                continue;
            }

            if (Apply(definition, change, problems) is { } changed)
            {
                jobs.Add(changed);
                if (change.Paused && changed.IsScheduled)
                {
                    paused.Add(changed.Id);
                }
            }
        }

        return new JobPlan(jobs, disabled, paused, problems);
    }

    private static JobDefinition? Apply(JobDefinition definition, JobOverride change, List<string> problems)
    {
        if (!definition.IsScheduled && (change.Trigger is not null || change.Paused))
        {
            problems.Add($"GenSchedulerOptions.Job(\"{definition.Id}\") gives a [Job] target a trigger or pauses it: a target has no schedule in the table; " +
                $"schedule it at run time with Scheduler.AddJob(id, target: \"{definition.Id}\", trigger)");
            return null;
        }

        var trigger = change.Trigger ?? definition.Trigger;
        var options = change.Options ?? definition.Options;
        if (ReferenceEquals(trigger, definition.Trigger) && ReferenceEquals(options, definition.Options))
        {
            return definition;
        }

        try
        {
            // The job keeps its invoker and the services it takes; only when and how it runs change. A target keeps its
            // own (unscheduled) trigger, since overrides of a target's trigger are refused above.
            return new JobDefinition(definition.Id, trigger, definition.Invoker, options) { RequiredServices = definition.RequiredServices };
        }
        catch (ArgumentException e)
        {
            problems.Add($"GenSchedulerOptions.Job(\"{definition.Id}\").Options: {e.Message}");
            return null;
        }
    }
}
