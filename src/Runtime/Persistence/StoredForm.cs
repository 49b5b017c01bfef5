using System;

namespace GenScheduler;

/// <summary>
/// A job as a row and a row as a job: which parts of a <see cref="ScheduledJob"/> a store keeps, and how a stored row is
/// laid back over the job the code defines. Called under the scheduler's lock.
/// </summary>
internal static class StoredForm
{
    /// <summary>
    /// Whether the job can be stored, and if not why: a delegate added at run time has no name a later process could find
    /// it by, and a trigger of the user's own type has no stored form.
    /// </summary>
    public static string? WhyNotStorable(JobDefinition definition, bool ofTable)
    {
        if (!ofTable && definition.Target is null)
        {
            return "it is a delegate, and code is never stored; mark the method [Job] and add it with AddJob(id, target, trigger)";
        }

        return TriggerForm.TryFormat(definition.Trigger, out _)
            ? null
            : $"its trigger {definition.Trigger.GetType().Name} has no stored form (only interval, cron, date and any-of triggers have one)";
    }

    /// <summary>The fingerprint of a job's schedule as the code defines it: its trigger and options, and its target.</summary>
    public static string Fingerprint(JobDefinition definition) =>
        $"{TriggerForm.Format(definition.Trigger)}|{OptionsForm.Format(definition.Options)}|{definition.Target}";

    /// <summary>The job's row now: what <see cref="IJobStore.SaveJob"/> and <see cref="IJobStore.ProposeJobs"/> write.</summary>
    /// <param name="job">The job.</param>
    /// <param name="code">The definition the code gave it (the table's, or the one added by target), which overrides are measured against.</param>
    public static StoredJob Row(ScheduledJob job, JobDefinition code)
    {
        var now = job.Definition;
        bool targeted = now.Target is not null;
        return new StoredJob
        {
            Id = job.Id,
            Target = now.Target,
            Trigger = targeted || !ReferenceEquals(now.Trigger, code.Trigger) ? TriggerForm.Format(now.Trigger) : null,
            Options = targeted || !ReferenceEquals(now.Options, code.Options) ? OptionsForm.Format(now.Options) : null,
            Fingerprint = Fingerprint(code),
            NextRunTime = job.Grid,
            Origin = job.Origin,
            Paused = job.Paused,
        };
    }

    /// <summary>The job a row of a job added by target describes: the table's target, with the row's trigger and options.</summary>
    /// <exception cref="FormatException">The row's trigger or options are unreadable.</exception>
    /// <exception cref="ArgumentException">The row has no trigger.</exception>
    public static JobDefinition FromTarget(StoredJob row, JobDefinition target) =>
        JobDefinition.ForTarget(row.Id, TriggerForm.Parse(row.Trigger ?? ""), target, row.Options is { } o ? OptionsForm.Parse(o, row.Id) : null);

    /// <summary>The definition a row describes, over the code's: the stored trigger and options where the row has them.</summary>
    /// <exception cref="FormatException">The row's trigger or options are unreadable.</exception>
    public static JobDefinition Definition(StoredJob row, JobDefinition code)
    {
        var trigger = row.Trigger is { } t ? TriggerForm.Parse(t) : code.Trigger;
        var options = row.Options is { } o ? OptionsForm.Parse(o, row.Id) : code.Options;
        return ReferenceEquals(trigger, code.Trigger) && ReferenceEquals(options, code.Options) ? code : code.With(trigger, options);
    }
}
