using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;
using static GenScheduler.Hosting.Tests.TestHost;

namespace GenScheduler.Hosting.Tests;

/// <summary>A bad value fails the host's start with a message that names the key, the value and the rule; so does a key that names nothing.</summary>
public sealed class ConfigurationErrorTests
{
    private const string Job = "GenScheduler:Jobs:MyApp.Cleanup.Run";

    private static readonly JobDefinition[] Table =
    [
        Every("MyApp.Cleanup.Run", 10, _ => default),
        JobDefinition.Unscheduled("MyApp.Reports.Run", _ => default),
    ];

    private static async Task<string> StartFails(params (string Key, string Value)[] settings)
    {
        await using var host = new TestHost(Table, settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        var error = Assert.IsType<OptionsValidationException>(await host.StartFailsAsync());
        return error.Message;
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        { $"{Job}:Interval", "5 minutes", $"{Job}:Interval is \"5 minutes\", which is not a time span: write it as \"00:05:00\"" },
        { $"{Job}:Interval", "90s", $"{Job}:Interval is \"90s\", which is not a time span: write it as \"00:01:30\"" },
        { $"{Job}:Interval", "5", $"{Job}:Interval is \"5\", which is not a time span: write it as hh:mm:ss or d.hh:mm:ss, such as \"00:05:00\" for five minutes or \"1.00:00:00\" for a day" },
        { $"{Job}:Interval", "00:00:00", $"{Job}:Interval is \"00:00:00\", which is not positive: an interval must be longer than zero, such as \"00:05:00\"" },
        { $"{Job}:Cron", "61 * * * *", $"{Job}:Cron is \"61 * * * *\", which is not a cron expression: The cron expression \"61 * * * *\" does not parse as five fields" },
        { $"{Job}:Cron", "0 0 30 2 *", $"{Job}:Cron is \"0 0 30 2 *\", which never fires: The cron expression \"0 0 30 2 *\" never fires" },
        { $"{Job}:TimeZone", "Europe/Berlin", $"{Job}:TimeZone is \"Europe/Berlin\", which applies to a cron schedule only: the job's schedule is interval[0:00:10]; set {Job}:Cron as well" },
        { $"{Job}:Enabled", "yes", $"{Job}:Enabled is \"yes\", which is neither true nor false: write true or false" },
        { $"{Job}:Paused", "1", $"{Job}:Paused is \"1\", which is neither true nor false: write true or false" },
        { $"{Job}:MisfireGraceTime", "-00:00:01", $"{Job}:MisfireGraceTime is \"-00:00:01\", which is too short: it must be positive (a run starts a moment after its time, so zero would miss it), or \"none\" to run late runs however late" },
        { $"{Job}:MisfireGraceTime", "00:00:00", $"{Job}:MisfireGraceTime is \"00:00:00\", which is too short: it must be positive (a run starts a moment after its time, so zero would miss it), or \"none\" to run late runs however late" },
        { $"{Job}:Coalesce", "maybe", $"{Job}:Coalesce is \"maybe\", which is neither true nor false: write true or false" },
        { $"{Job}:MaxInstances", "0", $"{Job}:MaxInstances is \"0\", which is too small: it must be a whole number of at least 1" },
        { $"{Job}:MaxInstances", "two", $"{Job}:MaxInstances is \"two\", which is not a whole number: it must be a whole number of at least 1" },
        { $"{Job}:Jitter", "1s", $"{Job}:Jitter is \"1s\", which is not a time span: write it as \"00:00:01\"" },
        { $"{Job}:Timeout", "00:00:00", $"{Job}:Timeout is \"00:00:00\", which is too short: it must be longer than zero, or \"none\" for no limit" },
        { $"{Job}:RunOnStart", "on", $"{Job}:RunOnStart is \"on\", which is neither true nor false: write true or false" },
        { $"{Job}:Executor", "Dedicated", $"{Job}:Executor is \"Dedicated\", which is not an executor: write ThreadPool or DedicatedThread" },
        { $"{Job}:Executor", "1", $"{Job}:Executor is \"1\", which is not an executor: write ThreadPool or DedicatedThread" },
        { $"{Job}:Delivery", "ExactlyOnce", $"{Job}:Delivery is \"ExactlyOnce\", which is not a delivery: write AtMostOnce or AtLeastOnce" },
        { $"{Job}:Intervall", "00:05:00", $"{Job}:Intervall is not a setting of a job: the settings are Cron, TimeZone, Interval, Enabled, Paused, MisfireGraceTime, Coalesce, MaxInstances, Jitter, Timeout, RunOnStart, Executor, Delivery" },
        { "GenScheduler:Jobs:MyApp.Cleanup.Rnu:Enabled", "false", "GenScheduler:Jobs:MyApp.Cleanup.Rnu names no job: the job table has no job with that id; did you mean \"MyApp.Cleanup.Run\"?" },
        { "GenScheduler:Jobs:Somebody.Else:Enabled", "false", "GenScheduler:Jobs:Somebody.Else names no job: the job table has no job with that id (ids are Namespace.Type.Method unless the attribute sets Name)" },
        { "GenScheduler:Jobs:MyApp.Reports.Run:Cron", "0 6 * * *", "GenScheduler:Jobs:MyApp.Reports.Run:Cron is \"0 6 * * *\", which cannot apply to a [Job] target: \"MyApp.Reports.Run\" has no schedule in the table; schedule it at run time with Scheduler.AddJob(id, target: \"MyApp.Reports.Run\", trigger)" },
        { "GenScheduler:MaxConcurrency", "0", "GenScheduler:MaxConcurrency is \"0\", which is too small: it must be a whole number of at least 1, or \"none\" for no limit" },
        { "GenScheduler:DedicatedThreads", "lots", "GenScheduler:DedicatedThreads is \"lots\", which is not a whole number: it must be a whole number of at least 1" },
        { "GenScheduler:MaxCatchUpRuns", "-1", "GenScheduler:MaxCatchUpRuns is \"-1\", which is too small: it must be a whole number of at least 1" },
        { "GenScheduler:InlineRunLimit", "00:00:02", "GenScheduler:InlineRunLimit is \"00:00:02\", which is too long: it must be between 00:00:00 (no runs on the scheduler's thread) and 00:00:01" },
        { "GenScheduler:ShutdownTimeout", "30", "GenScheduler:ShutdownTimeout is \"30\", which is not a time span: write it as hh:mm:ss" },
        { "GenScheduler:NodeTimeout", "00:00:00.1", "GenScheduler:NodeTimeout is \"00:00:00.1\", which is too short: it must be between 00:00:00.3 and 1.00:00:00" },
        { "GenScheduler:NodeTimeout", "2.00:00:00", "GenScheduler:NodeTimeout is \"2.00:00:00\", which is too long: it must be between 00:00:00.3 and 1.00:00:00" },
        { "GenScheduler:MaxConcurency", "4", "GenScheduler:MaxConcurency is not a setting of GenScheduler: the settings are MaxConcurrency, DedicatedThreads, MaxCatchUpRuns, InlineRunLimit, ShutdownTimeout, NodeId, NodeTimeout, Store, Jobs" },
        { "GenScheduler:Store:Schema", "jobs", "GenScheduler:Store:Schema is \"jobs\", which applies to a PostgreSQL store only: set GenScheduler:Store:PostgreSql too, or leave Schema out" },
        { "GenScheduler:Store:File", "jobs.db", "GenScheduler:Store:File is not a setting of the store: the settings are Sqlite, PostgreSql, Schema" },
        { "GenScheduler:Store:PostgreSql", "Host", "GenScheduler:Store:PostgreSql is not a connection string (" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_fails_the_start_naming_the_key_the_value_and_the_rule(string key, string value, string message)
    {
        Assert.Contains(message, await StartFails((key, value)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        string message = await StartFails(
            ($"{Job}:Interval", "5 minutes"),
            ($"{Job}:MaxInstances", "0"),
            ("GenScheduler:NodeId", "node-1"),
            ("GenScheduler:Jobs:Nobody:Paused", "true"));

        Assert.Contains($"{Job}:Interval is \"5 minutes\"", message, StringComparison.Ordinal);
        Assert.Contains($"{Job}:MaxInstances is \"0\"", message, StringComparison.Ordinal);
        Assert.Contains("GenScheduler:Jobs:Nobody names no job", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cron_and_interval_together_are_refused_as_two_schedules()
    {
        string message = await StartFails(($"{Job}:Cron", "0 6 * * *"), ($"{Job}:Interval", "00:05:00"));

        Assert.Contains($"{Job} sets both Cron and Interval: a job has one schedule here; keep one of them", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_time_zone_is_named_by_its_key()
    {
        string message = await StartFails(($"{Job}:Cron", "0 6 * * *"), ($"{Job}:TimeZone", "Mars/Olympus_Mons"));

        Assert.Contains($"{Job}:TimeZone is \"Mars/Olympus_Mons\", which is not a time zone known on this machine: use an IANA id such as \"Europe/Berlin\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_stores_and_a_bad_schema_are_refused()
    {
        Assert.Contains("GenScheduler:Store sets both Sqlite and PostgreSql: a scheduler has one store; keep one of them",
            await StartFails(("GenScheduler:Store:Sqlite", "jobs.db"), ("GenScheduler:Store:PostgreSql", "Host=localhost")), StringComparison.Ordinal);
        Assert.Contains("GenScheduler:Store:Schema is \"1jobs\", which is not a schema name the store can use: it must be 1 to 63 ASCII letters, digits or underscores, not starting with a digit",
            await StartFails(("GenScheduler:Store:PostgreSql", "Host=localhost"), ("GenScheduler:Store:Schema", "1jobs")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_string_is_never_echoed_in_a_message()
    {
        string message = await StartFails(("GenScheduler:Store:PostgreSql", "Password=hunter2;oops"));

        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
        Assert.Contains("its value is not shown, since it may hold a password", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_where_a_section_belongs_is_refused()
    {
        Assert.Contains("GenScheduler:Jobs:MyApp.Cleanup.Run is \"off\", which is a value: it must be a section of the job's settings",
            await StartFails((Job, "off")), StringComparison.Ordinal);
        Assert.Contains("GenScheduler:Store is \"sqlite\", which is a value: write GenScheduler:Store:Sqlite = <file> or GenScheduler:Store:PostgreSql = <connection string>",
            await StartFails(("GenScheduler:Store", "sqlite")), StringComparison.Ordinal);
    }
}
