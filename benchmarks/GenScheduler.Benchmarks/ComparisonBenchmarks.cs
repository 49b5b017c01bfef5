using System;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Coravel;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace GenScheduler.Benchmarks;

/// <summary>
/// Side by side: register N interval jobs from nothing (build what each library needs per job, create the scheduler,
/// add the jobs, start it, stop it) in GenScheduler, Quartz.NET with its in-memory RAMJobStore, and Coravel.
/// </summary>
/// <remarks>
/// Each library's job is an empty one on an interval of 1 to 59 s (Coravel's <c>EverySeconds</c> takes 1..59), so
/// nothing fires during the measurement. Fixed costs (Quartz's container, scheduler and thread pool, Coravel's
/// service provider) are included once per operation, and matter only at small N. Coravel has no separate start step that
/// touches jobs (its hosted service only starts a one-second timer), so its number is provider + Schedule() calls.
/// </remarks>
[Config(typeof(ShortRunConfig))]
public class ComparisonBenchmarks
{
    [Params(1_000, 100_000)]
    public int N { get; set; }

    [Benchmark(Baseline = true), PerJob]
    public Task GenScheduler()
    {
        var jobs = new JobDefinition[N];
        for (int i = 0; i < jobs.Length; i++)
        {
            jobs[i] = new JobDefinition("Jobs.Job" + i, new IntervalTrigger(TimeSpan.FromSeconds(1 + (i % 59))), JobTables.EmptyInvoker);
        }

        var scheduler = new Scheduler(jobs);
        scheduler.Start();
        return scheduler.ShutdownAsync();
    }

    [Benchmark, PerJob]
    public async Task Quartz()
    {
        await using var factory = QuartzSchedulerBuilder.Create(static q =>
        {
            q.UseInMemoryStore();
            q.UseDefaultThreadPool(2);
        }).Build();
        var scheduler = await factory.GetScheduler();
        var start = DateTimeOffset.UtcNow.AddMinutes(1);
        for (int i = 0; i < N; i++)
        {
            var job = JobBuilder.Create<NoopQuartzJob>().WithIdentity("Job" + i, "Jobs").Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity("Job" + i, "Jobs")
                .StartAt(start)
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(1 + (i % 59))).RepeatForever())
                .Build();
            await scheduler.ScheduleJob(job, trigger);
        }

        await scheduler.Start();
        await scheduler.Shutdown(waitForJobsToComplete: false);
    }

    [Benchmark, PerJob]
    public object Coravel()
    {
        var services = new ServiceCollection();
        services.AddScheduler();
        using var provider = services.BuildServiceProvider();
        var scheduler = provider.GetRequiredService<global::Coravel.Scheduling.Schedule.Interfaces.IScheduler>();
        for (int i = 0; i < N; i++)
        {
            scheduler.Schedule(static () => { }).EverySeconds(1 + (i % 59));
        }

        return scheduler;
    }

    public sealed class NoopQuartzJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => default;
    }
}
