using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static GenScheduler.Hosting.Tests.TestHost;

namespace GenScheduler.Hosting.Tests;

/// <summary>The <c>GenScheduler</c> section overrides the table and code: schedules, enabled, paused, every option, the scheduler's settings.</summary>
public sealed class ConfigurationTests
{
    private static TestHost With(IReadOnlyList<JobDefinition> jobs, params (string Key, string Value)[] settings) =>
        new(jobs, settings.ToDictionary(s => s.Key, s => (string?)s.Value));

    [Fact]
    public async Task An_interval_from_configuration_replaces_the_tables_and_the_job_fires_on_it()
    {
        int runs = 0;
        var job = Every("MyApp.Cleanup.Run", 600, _ =>
        {
            Interlocked.Increment(ref runs);
            return default;
        });
        await using var host = await With([job], ("GenScheduler:Jobs:MyApp.Cleanup.Run:Interval", "00:00:03")).StartAsync();

        var trigger = Assert.IsType<IntervalTrigger>(host.Scheduler.GetJob("MyApp.Cleanup.Run").Definition.Trigger);
        Assert.Equal(TimeSpan.FromSeconds(3), trigger.Interval);
        await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(3), "MyApp.Cleanup.Run");
        Assert.Equal(1, runs);
        Assert.Equal(T0.AddSeconds(6), host.Scheduler.NextDueTime);
    }

    [Fact]
    public async Task A_cron_and_time_zone_from_configuration_replace_an_interval()
    {
        await using var host = await With([Tick()],
            ("GenScheduler:Jobs:Jobs.Tick:Cron", "0 6 * * *"),
            ("GenScheduler:Jobs:Jobs.Tick:TimeZone", "Europe/Berlin")).StartAsync();

        var job = host.Scheduler.GetJob("Jobs.Tick");
        var cron = Assert.IsType<CronTrigger>(job.Definition.Trigger);
        Assert.Equal(("0 6 * * *", false, "Europe/Berlin"), (cron.Expression, cron.IncludeSeconds, cron.TimeZone.Id));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 5, 0, 0, TimeSpan.Zero), job.NextRunTime);
    }

    [Fact]
    public async Task A_cron_alone_keeps_the_tables_time_zone_and_a_time_zone_alone_keeps_its_expression()
    {
        var berlin = new JobDefinition("Jobs.Berlin", new CronTrigger("0 6 * * *", false, "Europe/Berlin"), _ => default);
        var tokyo = new JobDefinition("Jobs.Tokyo", new CronTrigger("*/30 * * * * *", true, "Europe/Berlin"), _ => default);
        await using var host = await With([berlin, tokyo],
            ("GenScheduler:Jobs:Jobs.Berlin:Cron", "30 7 * * 1-5"),
            ("GenScheduler:Jobs:Jobs.Tokyo:TimeZone", "Asia/Tokyo")).StartAsync();

        var first = Assert.IsType<CronTrigger>(host.Scheduler.GetJob("Jobs.Berlin").Definition.Trigger);
        Assert.Equal(("30 7 * * 1-5", "Europe/Berlin"), (first.Expression, first.TimeZone.Id));
        var second = Assert.IsType<CronTrigger>(host.Scheduler.GetJob("Jobs.Tokyo").Definition.Trigger);
        Assert.Equal(("*/30 * * * * *", true, "Asia/Tokyo"), (second.Expression, second.IncludeSeconds, second.TimeZone.Id));
    }

    [Fact]
    public async Task Enabled_false_leaves_the_job_out_and_says_so_in_the_log()
    {
        await using var host = await With([Tick(), Tick("Jobs.Other")], ("GenScheduler:Jobs:Jobs.Tick:Enabled", "false")).StartAsync();

        Assert.False(host.Scheduler.TryGetJob("Jobs.Tick", out _));
        Assert.True(host.Scheduler.TryGetJob("Jobs.Other", out _));
        var log = Assert.Single(host.Logs, l => l.Id.Name == "JobDisabled");
        Assert.Equal("Job \"Jobs.Tick\" (GenScheduler:Jobs:Jobs.Tick:Enabled = false) is disabled and does not run", log.Message);
        Assert.Equal((LogLevel.Information, "GenScheduler.Hosting"), (log.Level, log.Category));
    }

    [Fact]
    public async Task Paused_true_pauses_the_job_before_the_start_so_it_never_fires_until_resumed()
    {
        await using var host = await With([Tick()], ("GenScheduler:Jobs:Jobs.Tick:Paused", "true")).StartAsync();

        var job = host.Scheduler.GetJob("Jobs.Tick");
        Assert.True(job.IsPaused);
        Assert.Null(job.NextRunTime);
        Assert.Null(host.Scheduler.NextDueTime);
        Assert.Empty(host.EventsOf(SchedulerEventKind.JobSubmitted));

        // Resumed, it fires on its grid. (The runtime lays the grid of a job paused before the start from
        // DateTimeOffset.MinValue, so this one is due at once, T0 being on that grid too; the wait covers both.)
        host.Scheduler.ResumeJob("Jobs.Tick");
        await Until(() => host.Scheduler.GetJob("Jobs.Tick").NextRunTime > host.Time.GetUtcNow() && host.Quiet, "the job is scheduled ahead");
        var next = host.Scheduler.GetJob("Jobs.Tick").NextRunTime!.Value;
        await host.AdvanceAndWaitForRun(next - host.Time.GetUtcNow(), "Jobs.Tick");
        Assert.Single(host.EventsOf(SchedulerEventKind.JobExecuted, "Jobs.Tick"), e => e.ScheduledTime == next);
    }

    [Fact]
    public async Task Every_option_key_sets_its_option()
    {
        await using var host = await With([Tick()],
            ("GenScheduler:Jobs:Jobs.Tick:MisfireGraceTime", "00:00:30"),
            ("GenScheduler:Jobs:Jobs.Tick:Coalesce", "false"),
            ("GenScheduler:Jobs:Jobs.Tick:MaxInstances", "3"),
            ("GenScheduler:Jobs:Jobs.Tick:Jitter", "00:00:02"),
            ("GenScheduler:Jobs:Jobs.Tick:Timeout", "00:01:00"),
            ("GenScheduler:Jobs:Jobs.Tick:RunOnStart", "True"),
            ("GenScheduler:Jobs:Jobs.Tick:Executor", "dedicatedthread"),
            ("GenScheduler:Jobs:Jobs.Tick:Delivery", "AtLeastOnce")).StartAsync();

        Assert.Equal(new JobOptions
        {
            MisfireGraceTime = TimeSpan.FromSeconds(30),
            Coalesce = false,
            MaxInstances = 3,
            Jitter = TimeSpan.FromSeconds(2),
            Timeout = TimeSpan.FromMinutes(1),
            RunOnStart = true,
            Executor = JobExecutor.DedicatedThread,
            Delivery = RunDelivery.AtLeastOnce,
        }, host.Scheduler.GetJob("Jobs.Tick").Definition.Options);
        await host.WaitFor(SchedulerEventKind.JobExecuted, "Jobs.Tick");
    }

    [Fact]
    public async Task None_lifts_the_grace_time_and_the_timeout()
    {
        var job = Every("Jobs.Tick", 10, _ => default, new JobOptions { Timeout = TimeSpan.FromSeconds(5) });
        await using var host = await With([job],
            ("GenScheduler:Jobs:Jobs.Tick:MisfireGraceTime", "none"),
            ("GenScheduler:Jobs:Jobs.Tick:Timeout", "None")).StartAsync();

        var options = host.Scheduler.GetJob("Jobs.Tick").Definition.Options;
        Assert.Equal((null, null), (options.MisfireGraceTime, options.Timeout));
    }

    [Fact]
    public async Task Code_applies_first_and_configuration_overrides_only_what_it_names()
    {
        await using var host = new TestHost([Tick()], new Dictionary<string, string?>
        {
            ["GenScheduler:MaxConcurrency"] = "2",
            ["GenScheduler:Jobs:Jobs.Tick:MaxInstances"] = "2",
        }, configure: o =>
        {
            o.MaxConcurrency = 8;
            o.NodeId = "from-code";
            o.Job("Jobs.Tick").Options = new JobOptions { MaxInstances = 5, Coalesce = false };
            o.Job("Jobs.Tick").Trigger = new IntervalTrigger(TimeSpan.FromSeconds(7));
        });
        await host.StartAsync();

        var options = host.Host.Services.GetRequiredService<IOptions<GenSchedulerOptions>>().Value;
        Assert.Equal((2, "from-code"), (options.MaxConcurrency, options.NodeId));
        var job = host.Scheduler.GetJob("Jobs.Tick").Definition;
        Assert.Equal((2, false), (job.Options.MaxInstances, job.Options.Coalesce));
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.IsType<IntervalTrigger>(job.Trigger).Interval);
    }

    [Fact]
    public async Task The_schedulers_settings_come_from_configuration()
    {
        await using var host = With([Tick()],
            ("GenScheduler:MaxConcurrency", "none"),
            ("GenScheduler:DedicatedThreads", "4"),
            ("GenScheduler:MaxCatchUpRuns", "20"),
            ("GenScheduler:InlineRunLimit", "00:00:00.0005"),
            ("GenScheduler:ShutdownTimeout", "00:00:45"),
            ("GenScheduler:NodeId", "node-7"),
            ("GenScheduler:NodeTimeout", "00:01:00"));
        var options = host.Host.Services.GetRequiredService<IOptions<GenSchedulerOptions>>().Value;

        Assert.Equal(((int?)null, (int?)4, (int?)20, (TimeSpan?)TimeSpan.FromSeconds(45), "node-7", (TimeSpan?)TimeSpan.FromMinutes(1)),
            (options.MaxConcurrency, options.DedicatedThreads, options.MaxCatchUpRuns, options.ShutdownTimeout, options.NodeId, options.NodeTimeout));
        Assert.Equal(TimeSpan.FromMilliseconds(0.5), options.InlineRunLimit);
        await host.StartAsync();
    }

    [Theory]
    [InlineData("00:00:00.05", new[] { "pool", "firing", "firing" })]
    [InlineData("00:00:00", new[] { "pool", "pool", "pool" })]
    public async Task The_inline_run_limit_from_configuration_decides_where_a_quick_job_runs(string limit, string[] expected)
    {
        // Given a quick job (the limit is far above what it takes: a first run compiles its code, a machine preempts)
        var places = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var job = Every("Jobs.Quick", 3, _ =>
        {
            places.Enqueue(Thread.CurrentThread.Name == "GenScheduler firing loop" ? "firing" : "pool");
            return default;
        });
        await using var host = await With([job], ("GenScheduler:InlineRunLimit", limit)).StartAsync();

        // When it runs three times
        for (int i = 0; i < 3; i++)
        {
            await host.AdvanceAndWaitForRun(TimeSpan.FromSeconds(3), "Jobs.Quick");
        }

        // Then it was timed on the pool, and moved to the scheduler's thread unless the limit is zero
        Assert.Equal(expected, places);
    }

    [Fact]
    public async Task Keys_match_without_regard_to_case_as_configuration_keys_do()
    {
        await using var host = await With([Tick("MyApp.Jobs.Tick")],
            ("genscheduler:jobs:myapp.jobs.tick:interval", "00:00:05"),
            ("GENSCHEDULER:JOBS:MYAPP.JOBS.TICK:RUNONSTART", "true")).StartAsync();

        var job = host.Scheduler.GetJob("MyApp.Jobs.Tick").Definition;
        Assert.Equal(TimeSpan.FromSeconds(5), Assert.IsType<IntervalTrigger>(job.Trigger).Interval);
        Assert.True(job.Options.RunOnStart);
    }

    [Fact]
    public async Task Another_section_name_is_read_instead_and_none_at_all_reads_nothing()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Scheduling:Jobs:Jobs.Tick:Enabled"] = "false",
            ["GenScheduler:Jobs:Jobs.Nonsense:Enabled"] = "false",
        };
        await using (var host = await new TestHost([Tick()], settings, o => o.ConfigurationSection = "Scheduling").StartAsync())
        {
            Assert.Empty(host.Scheduler.GetJobs());
        }

        settings["Scheduling:Jobs:Jobs.Tick:Enabled"] = "maybe";
        await using (var host = await new TestHost([Tick()], settings, o => o.ConfigurationSection = null).StartAsync())
        {
            Assert.Single(host.Scheduler.GetJobs());
        }
    }

    [Fact]
    public async Task Options_of_a_job_target_apply_to_the_jobs_made_from_it()
    {
        var target = JobDefinition.Unscheduled("MyApp.Reports.Run", _ => default);
        await using var host = await With([target, Tick()], ("GenScheduler:Jobs:MyApp.Reports.Run:MaxInstances", "4")).StartAsync();

        var job = host.Scheduler.AddJob("report-eu", target: "MyApp.Reports.Run", new IntervalTrigger(TimeSpan.FromHours(1)));

        Assert.Equal(4, job.Options.MaxInstances);
    }
}
