using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace GenScheduler.Hosting;

/// <summary>
/// Lays the configuration section over the options code set: a post-configure step, so configuration wins whatever the
/// order of registrations. Reads by hand, key by key, and never throws: what is wrong becomes a problem that the
/// validator reports when the host starts, all problems at once.
/// </summary>
internal sealed class ConfigurationReader(IConfiguration? configuration, HostedJobs table) : IPostConfigureOptions<GenSchedulerOptions>
{
    private static readonly string[] Settings =
        ["MaxConcurrency", "DedicatedThreads", "MaxCatchUpRuns", "InlineRunLimit", "ShutdownTimeout", "NodeId", "NodeTimeout", "Store", "Jobs"];

    private static readonly string[] StoreSettings = ["Sqlite", "PostgreSql", "Schema"];

    public void PostConfigure(string? name, GenSchedulerOptions options)
    {
        if (configuration is null || name != Options.DefaultName || string.IsNullOrEmpty(options.ConfigurationSection))
        {
            return;
        }

        var section = configuration.GetSection(options.ConfigurationSection);
        if (section.Value is { Length: > 0 } value)
        {
            options.Problems.Add($"{section.Path} is \"{value}\", which is a value: it must be a section of settings ({string.Join(", ", Settings)})");
            return;
        }

        foreach (var child in section.GetChildren())
        {
            Read(child, options);
        }
    }

    private void Read(IConfigurationSection child, GenSchedulerOptions options)
    {
        var problems = options.Problems;
        string key = child.Path;
        switch (Known(child.Key, Settings))
        {
            case "Store":
                ReadStore(child, options);
                return;
            case "Jobs":
                JobSettingsReader.Read(child, options, table);
                return;
            case null:
                problems.Add($"{key} is not a setting of GenScheduler: the settings are {string.Join(", ", Settings)}");
                return;
        }

        if (Leaf(child, problems) is not { } value)
        {
            return;
        }

        switch (Known(child.Key, Settings))
        {
            case "MaxConcurrency" when ConfigValues.TryCount(key, value, problems, 1, noneAllowed: true, out int? limit):
                options.MaxConcurrency = limit;
                break;
            case "DedicatedThreads" when ConfigValues.TryCount(key, value, problems, 1, noneAllowed: false, out int? threads):
                options.DedicatedThreads = threads;
                break;
            case "MaxCatchUpRuns" when ConfigValues.TryCount(key, value, problems, 1, noneAllowed: false, out int? runs):
                options.MaxCatchUpRuns = runs;
                break;
            case "InlineRunLimit" when ConfigValues.TryTimeSpan(key, value, problems, TimeSpan.Zero, TimeSpan.FromSeconds(1), noneAllowed: false,
                "it must be between 00:00:00 (no runs on the scheduler's thread) and 00:00:01", out var inline):
                options.InlineRunLimit = inline;
                break;
            case "ShutdownTimeout" when ConfigValues.TryTimeSpan(key, value, problems, TimeSpan.Zero, null, noneAllowed: false,
                "it must be zero or more (leave it out to let the host's shutdown timeout decide)", out var shutdown):
                options.ShutdownTimeout = shutdown;
                break;
            case "NodeTimeout" when ConfigValues.TryTimeSpan(key, value, problems, TimeSpan.FromMilliseconds(300), TimeSpan.FromDays(1), noneAllowed: false,
                "it must be between 00:00:00.3 and 1.00:00:00", out var timeout):
                options.NodeTimeout = timeout;
                break;
            case "NodeId":
                options.NodeId = value.Trim();
                break;
        }
    }

    private static void ReadStore(IConfigurationSection store, GenSchedulerOptions options)
    {
        var problems = options.Problems;
        if (store.Value is { Length: > 0 } value)
        {
            problems.Add($"{store.Path} is \"{value}\", which is a value: write {store.Path}:Sqlite = <file> or {store.Path}:PostgreSql = <connection string>");
            return;
        }

        string? sqlite = null, postgres = null, schema = null;
        foreach (var child in store.GetChildren())
        {
            switch (Known(child.Key, StoreSettings))
            {
                case "Sqlite":
                    sqlite = Leaf(child, problems);
                    break;
                case "PostgreSql":
                    postgres = Leaf(child, problems, secret: true);
                    break;
                case "Schema":
                    schema = Leaf(child, problems);
                    break;
                default:
                    problems.Add($"{child.Path} is not a setting of the store: the settings are {string.Join(", ", StoreSettings)}");
                    break;
            }
        }

        if (sqlite is not null && postgres is not null)
        {
            problems.Add($"{store.Path} sets both Sqlite and PostgreSql: a scheduler has one store; keep one of them");
        }
        else if (schema is not null && postgres is null)
        {
            problems.Add($"{store.Path}:Schema is \"{schema}\", which applies to a PostgreSQL store only: set {store.Path}:PostgreSql too, or leave Schema out");
        }
        else if (sqlite is not null)
        {
            options.Store = StoreChoice.Sqlite(sqlite, $"{store.Path}:Sqlite");
        }
        else if (postgres is not null)
        {
            ReadPostgreSql(store.Path, postgres, schema, options);
        }
    }

    private static void ReadPostgreSql(string path, string connectionString, string? schema, GenSchedulerOptions options)
    {
        try
        {
            // Only the syntax here; Npgsql judges the keywords when the store is made.
            _ = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException e)
        {
            options.Problems.Add($"{path}:PostgreSql is not a connection string ({e.Message}); its value is not shown, since it may hold a password");
            return;
        }

        if (schema is not null && !ConfigValues.SchemaName().IsMatch(schema))
        {
            options.Problems.Add(ConfigValues.Problem($"{path}:Schema", schema, "is not a schema name the store can use",
                "it must be 1 to 63 ASCII letters, digits or underscores, not starting with a digit"));
            return;
        }

        options.Store = StoreChoice.PostgreSql(connectionString, schema ?? PostgreSqlJobStore.DefaultSchema, $"{path}:PostgreSql");
    }

    /// <summary>The setting's name as documented, matched without regard to case as configuration keys are; <see langword="null"/> when unknown.</summary>
    public static string? Known(string key, string[] names) => names.FirstOrDefault(n => string.Equals(n, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>A setting's value; <see langword="null"/> when it is empty (not set) or is a section, which is a problem.</summary>
    public static string? Leaf(IConfigurationSection setting, List<string> problems, bool secret = false)
    {
        if (setting.GetChildren().Any())
        {
            problems.Add($"{setting.Path} is a section, not a value: write it as one value{(secret ? "" : $", not as {setting.Path}:<key>")}");
            return null;
        }

        return string.IsNullOrWhiteSpace(setting.Value) ? null : setting.Value;
    }
}
