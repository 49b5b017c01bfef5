using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace GenScheduler.Hosting;

/// <summary>
/// Checks the options once code and configuration are laid over each other, when the host starts (ValidateOnStart) and
/// whenever the options are first read: configuration's problems, then code's, every one in the same failure so a
/// start-up shows them all at once. Code's values are named as properties, configuration's as keys.
/// </summary>
internal sealed class OptionsValidator(HostedJobs table) : IValidateOptions<GenSchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, GenSchedulerOptions options)
    {
        if (name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = new List<string>(options.Problems);
        CheckCode(options, problems);
        var plan = options.Plan ??= JobPlan.Create(table, options);
        problems.AddRange(plan.Problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckCode(GenSchedulerOptions options, List<string> problems)
    {
        // Configuration's values were checked as they were read, so a bad value here was set in code.
        if (options.MaxConcurrency is < 1)
        {
            problems.Add($"GenSchedulerOptions.MaxConcurrency is {options.MaxConcurrency}; it must be at least 1, or null for no limit");
        }

        if (options.DedicatedThreads is < 1)
        {
            problems.Add($"GenSchedulerOptions.DedicatedThreads is {options.DedicatedThreads}; it must be at least 1, or null for the default (10)");
        }

        if (options.MaxCatchUpRuns is < 1)
        {
            problems.Add($"GenSchedulerOptions.MaxCatchUpRuns is {options.MaxCatchUpRuns}; it must be at least 1, or null for the default (100)");
        }

        if (options.InlineRunLimit is { } inline && (inline < TimeSpan.Zero || inline > TimeSpan.FromSeconds(1)))
        {
            problems.Add($"GenSchedulerOptions.InlineRunLimit is {inline}; it must be between zero (no runs on the scheduler's thread) and one second, or null for the default (100 µs)");
        }

        if (options.ShutdownTimeout is { } shutdown && shutdown < TimeSpan.Zero && shutdown != System.Threading.Timeout.InfiniteTimeSpan)
        {
            problems.Add($"GenSchedulerOptions.ShutdownTimeout is {shutdown}; it must be zero or more, or null to let the host's shutdown timeout decide");
        }

        if (options.NodeTimeout is { } node && (node < TimeSpan.FromMilliseconds(300) || node > TimeSpan.FromDays(1)))
        {
            problems.Add($"GenSchedulerOptions.NodeTimeout is {node}; it must be between 300 ms and one day");
        }

        if (options.NodeId is { } id && string.IsNullOrWhiteSpace(id))
        {
            problems.Add("GenSchedulerOptions.NodeId is blank; leave it null for a generated id, or give a name");
        }

        if (options.Store?.Schema is { } schema && !ConfigValues.SchemaName().IsMatch(schema))
        {
            problems.Add($"The schema \"{schema}\" of {options.Store.Source} is not a schema name the store can use: it must be 1 to 63 ASCII letters, digits or underscores, not starting with a digit");
        }
    }
}
