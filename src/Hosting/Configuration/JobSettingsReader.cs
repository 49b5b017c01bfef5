using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;

namespace GenScheduler.Hosting;

/// <summary>
/// Reads <c>GenScheduler:Jobs:&lt;job id&gt;:&lt;setting&gt;</c> into the job's <see cref="JobOverride"/>, on top of what code
/// set. A key that names no job, or no setting, is a problem too: a typo must not leave a job running that configuration
/// meant to stop.
/// </summary>
internal static class JobSettingsReader
{
    private static readonly string[] Settings =
    [
        "Cron", "TimeZone", "Interval", "Enabled", "Paused",
        "MisfireGraceTime", "Coalesce", "MaxInstances", "Jitter", "Timeout", "RunOnStart", "Executor", "Delivery",
    ];

    private static readonly JobExecutor[] ExecutorValues = [JobExecutor.ThreadPool, JobExecutor.DedicatedThread];
    private static readonly string[] Executors = [nameof(JobExecutor.ThreadPool), nameof(JobExecutor.DedicatedThread)];
    private static readonly RunDelivery[] DeliveryValues = [RunDelivery.AtMostOnce, RunDelivery.AtLeastOnce];
    private static readonly string[] Deliveries = [nameof(RunDelivery.AtMostOnce), nameof(RunDelivery.AtLeastOnce)];

    public static void Read(IConfigurationSection jobs, GenSchedulerOptions options, HostedJobs table)
    {
        var problems = options.Problems;
        foreach (var section in jobs.GetChildren())
        {
            if (section.Value is { Length: > 0 } value)
            {
                problems.Add($"{section.Path} is \"{value}\", which is a value: it must be a section of the job's settings ({string.Join(", ", Settings)})");
                continue;
            }

            if (!table.TryResolve(section.Key, out var definition, out string? why))
            {
                problems.Add($"{section.Path} names no job: {why}");
                continue;
            }

            var values = new Dictionary<string, (string Key, string Value)>(StringComparer.Ordinal);
            foreach (var setting in section.GetChildren())
            {
                if (ConfigurationReader.Known(setting.Key, Settings) is not { } name)
                {
                    problems.Add($"{setting.Path} is not a setting of a job: the settings are {string.Join(", ", Settings)}");
                }
                else if (ConfigurationReader.Leaf(setting, problems) is { } text)
                {
                    values[name] = (setting.Path, text);
                }
            }

            var job = options.Job(definition.Id);
            ReadSchedule(section.Path, definition, job, values, problems);
            ReadOptions(definition, job, values, problems);
            if (values.TryGetValue("Enabled", out var enabled) && ConfigValues.TryBool(enabled.Key, enabled.Value, problems, out bool on))
            {
                job.Enabled = on;
                job.EnabledSource = $"{enabled.Key} = {enabled.Value}";
            }
        }
    }

    private static void ReadSchedule(string path, JobDefinition definition, JobOverride job, Dictionary<string, (string Key, string Value)> values, List<string> problems)
    {
        bool hasCron = values.TryGetValue("Cron", out var cron);
        bool hasZone = values.TryGetValue("TimeZone", out var zone);
        bool hasInterval = values.TryGetValue("Interval", out var interval);
        bool hasPaused = values.TryGetValue("Paused", out var paused);
        if (!definition.IsScheduled)
        {
            foreach (var (key, value) in new[] { cron, zone, interval, paused })
            {
                if (key is not null)
                {
                    problems.Add(ConfigValues.Problem(key, value, $"cannot apply to a [Job] target",
                        $"\"{definition.Id}\" has no schedule in the table; schedule it at run time with Scheduler.AddJob(id, target: \"{definition.Id}\", trigger)"));
                }
            }

            return;
        }

        if (hasPaused && ConfigValues.TryBool(paused.Key, paused.Value, problems, out bool isPaused))
        {
            job.Paused = isPaused;
        }

        var current = job.Trigger ?? definition.Trigger;
        if (hasCron && hasInterval)
        {
            problems.Add($"{path} sets both Cron and Interval: a job has one schedule here; keep one of them");
        }
        else if (hasCron)
        {
            // Only the expression changes: the zone (unless TimeZone says another) and the window stay the table's.
            var old = current as CronTrigger;
            string? zoneId = hasZone ? zone.Value.Trim() : old is null || old.TimeZone == TimeZoneInfo.Utc ? null : old.TimeZone.Id;
            job.Trigger = MakeCron(cron, hasZone ? zone : null, zoneId, old?.Start, old?.End, problems) ?? job.Trigger;
        }
        else if (hasInterval)
        {
            if (hasZone)
            {
                problems.Add(ConfigValues.Problem(zone.Key, zone.Value, "applies to a cron schedule only", $"{path} sets Interval; leave TimeZone out"));
            }
            else if (ConfigValues.TryTimeSpan(interval.Key, interval.Value, problems, out var every))
            {
                job.Trigger = MakeInterval(interval, every, current as IntervalTrigger, problems) ?? job.Trigger;
            }
        }
        else if (hasZone)
        {
            if (current is CronTrigger old)
            {
                job.Trigger = MakeCron((zone.Key, old.Expression), zone, zone.Value.Trim(), old.Start, old.End, problems, old.IncludeSeconds) ?? job.Trigger;
            }
            else
            {
                problems.Add(ConfigValues.Problem(zone.Key, zone.Value, "applies to a cron schedule only",
                    $"the job's schedule is {current}; set {path}:Cron as well"));
            }
        }
    }

    private static CronTrigger? MakeCron((string Key, string Value) cron, (string Key, string Value)? zone, string? zoneId,
        DateTimeOffset? start, DateTimeOffset? end, List<string> problems, bool? includeSeconds = null)
    {
        string expression = cron.Value.Trim();
        bool seconds = includeSeconds ?? (expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length == 6 || expression == "@every_second");
        try
        {
            return new CronTrigger(expression, seconds, zoneId, start, end);
        }
        catch (FormatException e)
        {
            problems.Add(ConfigValues.Problem(cron.Key, cron.Value, "is not a cron expression", e.Message));
        }
        catch (TimeZoneNotFoundException)
        {
            var (key, value) = zone ?? (cron.Key, zoneId ?? "");
            problems.Add(ConfigValues.Problem(key, value, "is not a time zone known on this machine", "use an IANA id such as \"Europe/Berlin\""));
        }
        catch (ArgumentException e)
        {
            problems.Add(ConfigValues.Problem(cron.Key, cron.Value, "never fires", e.Message));
        }

        return null;
    }

    private static IntervalTrigger? MakeInterval((string Key, string Value) interval, TimeSpan every, IntervalTrigger? old, List<string> problems)
    {
        if (every <= TimeSpan.Zero)
        {
            problems.Add(ConfigValues.Problem(interval.Key, interval.Value, "is not positive", "an interval must be longer than zero, such as \"00:05:00\""));
            return null;
        }

        try
        {
            // The table's start (which anchors the grid) and end stay.
            return new IntervalTrigger(every, old?.Start, old?.End);
        }
        catch (ArgumentException e)
        {
            problems.Add(ConfigValues.Problem(interval.Key, interval.Value, "cannot be an interval", e.Message));
            return null;
        }
    }

    private static void ReadOptions(JobDefinition definition, JobOverride job, Dictionary<string, (string Key, string Value)> values, List<string> problems)
    {
        var options = job.Options ?? definition.Options;
        var changed = options;
        foreach (var (name, (key, value)) in values)
        {
            switch (name)
            {
                case "MisfireGraceTime" when ConfigValues.TryTimeSpan(key, value, problems, TimeSpan.FromTicks(1), null, noneAllowed: true,
                    $"it must be positive (a run starts a moment after its time, so zero would miss it), or \"{ConfigValues.None}\" to run late runs however late", out var grace):
                    changed = changed with { MisfireGraceTime = grace };
                    break;
                case "Coalesce" when ConfigValues.TryBool(key, value, problems, out bool coalesce):
                    changed = changed with { Coalesce = coalesce };
                    break;
                case "MaxInstances" when ConfigValues.TryCount(key, value, problems, 1, noneAllowed: false, out int? instances):
                    changed = changed with { MaxInstances = instances!.Value };
                    break;
                case "Jitter" when ConfigValues.TryTimeSpan(key, value, problems, TimeSpan.Zero, null, noneAllowed: false, "it must be zero or more", out var jitter):
                    changed = changed with { Jitter = jitter!.Value };
                    break;
                case "Timeout" when ConfigValues.TryTimeSpan(key, value, problems, TimeSpan.FromTicks(1), null, noneAllowed: true,
                    $"it must be longer than zero, or \"{ConfigValues.None}\" for no limit", out var timeout):
                    changed = changed with { Timeout = timeout };
                    break;
                case "RunOnStart" when ConfigValues.TryBool(key, value, problems, out bool runOnStart):
                    changed = changed with { RunOnStart = runOnStart };
                    break;
                case "Executor" when ConfigValues.TryName(key, value, problems, "an executor", Executors, out int executor):
                    changed = changed with { Executor = ExecutorValues[executor] };
                    break;
                case "Delivery" when ConfigValues.TryName(key, value, problems, "a delivery", Deliveries, out int delivery):
                    changed = changed with { Delivery = DeliveryValues[delivery] };
                    break;
            }
        }

        if (!ReferenceEquals(changed, options))
        {
            job.Options = changed;
        }
    }
}
