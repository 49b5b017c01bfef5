using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using static GenScheduler.Hosting.Tests.TestHost;

namespace GenScheduler.Hosting.Tests;

/// <summary>The store comes from code or from configuration, which wins; a relative SQLite path is the content root's.</summary>
public sealed class StoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("genscheduler-hosting-store-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held after a failed test; the temporary folder is the system's to clean.
        }
    }

    private Dictionary<string, string?> Sqlite(string file) => new() { ["GenScheduler:Store:Sqlite"] = file };

    [Fact]
    public async Task A_sqlite_file_from_configuration_keeps_state_across_hosts_and_a_relative_path_is_the_content_roots()
    {
        await using (var first = await new TestHost([Tick()], Sqlite("jobs.db"), folder: _folder).StartAsync())
        {
            first.Scheduler.PauseJob("Jobs.Tick");
            await first.StopAsync();
        }

        Assert.True(File.Exists(Path.Combine(_folder, "jobs.db")));
        await using var second = await new TestHost([Tick()], Sqlite("jobs.db"), folder: _folder).StartAsync();
        Assert.True(second.Scheduler.GetJob("Jobs.Tick").IsPaused);
    }

    [Fact]
    public async Task Code_chooses_a_sqlite_file_and_configuration_overrides_it()
    {
        string fromCode = Path.Combine(_folder, "code.db"), fromConfig = Path.Combine(_folder, "config.db");
        await using (var host = await new TestHost([Tick()], configure: o => o.UseSqlite(fromCode)).StartAsync())
        {
            await host.StopAsync();
        }

        Assert.True(File.Exists(fromCode));
        await using (var host = await new TestHost([Tick()], Sqlite(fromConfig), configure: o => o.UseSqlite(fromCode + ".unused")).StartAsync())
        {
            await host.StopAsync();
        }

        Assert.True(File.Exists(fromConfig));
        Assert.False(File.Exists(fromCode + ".unused"));
    }

    [Fact]
    public async Task A_store_of_ones_own_is_made_from_the_root_services_when_the_scheduler_is_built()
    {
        IServiceProvider? given = null;
        string file = Path.Combine(_folder, "own.db");
        await using var host = new TestHost([Tick()], configure: o => o.UseStore(services =>
        {
            given = services;
            return new SqliteJobStore(file);
        }));
        Assert.Null(given);

        await host.StartAsync();

        // The root scope of the host's provider: what it resolves is the host's singletons.
        Assert.Same(host.Scheduler, given!.GetRequiredService<Scheduler>());
        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task Paused_in_configuration_wins_over_a_stored_row_that_is_not_paused()
    {
        await using (var first = await new TestHost([Tick()], Sqlite("jobs.db"), folder: _folder).StartAsync())
        {
            Assert.False(first.Scheduler.GetJob("Jobs.Tick").IsPaused);
            await first.StopAsync();
        }

        var settings = Sqlite("jobs.db");
        settings["GenScheduler:Jobs:Jobs.Tick:Paused"] = "true";
        await using var second = await new TestHost([Tick()], settings, folder: _folder).StartAsync();
        Assert.True(second.Scheduler.GetJob("Jobs.Tick").IsPaused);
    }

    [Fact]
    public async Task A_store_that_cannot_be_opened_fails_the_start_with_the_stores_message()
    {
        await using var host = new TestHost([Tick()], Sqlite("no-such-folder/jobs.db"), folder: _folder);

        var error = Assert.IsType<JobStoreException>(await host.StartFailsAsync());

        Assert.Contains("jobs.db", error.Message, StringComparison.Ordinal);
        Assert.Equal(SchedulerState.NotStarted, host.Host.Services.GetRequiredService<Scheduler>().State);
    }

    [Fact]
    public async Task Configuration_chooses_postgresql_and_an_unreachable_server_fails_the_start_naming_it()
    {
        // Port 1 on the loopback refuses at once: enough to see that the PostgreSQL store was chosen and tried.
        await using var host = new TestHost([Tick()], new Dictionary<string, string?>
        {
            ["GenScheduler:Store:PostgreSql"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=secret;Timeout=2",
            ["GenScheduler:Store:Schema"] = "hosting_tests",
        });

        var error = Assert.IsType<JobStoreException>(await host.StartFailsAsync());

        Assert.Contains("PostgreSQL 127.0.0.1:1", error.Message, StringComparison.Ordinal);
        Assert.Contains("hosting_tests", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }
}
