using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GenScheduler.Generator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace GenScheduler.Generator.Tests;

/// <summary>
/// Compiles a small program with the generator, loads it, and runs its <c>ScheduledJobs.All</c> in a real
/// <see cref="Scheduler"/> on a fake clock: the generated invokers call the user's methods.
/// </summary>
public class EndToEndTests
{
    private const string Program = """
        namespace EndToEnd
        {
            public static class Hooks
            {
                public static Action<string>? OnRun;
            }

            public static class Jobs
            {
                [Interval(Seconds = 1)]
                public static void EverySecond() => Hooks.OnRun?.Invoke("interval");

                [At("2025-01-06T10:00:01+01:00")]
                public static void Once() => Hooks.OnRun?.Invoke("at");

                [Cron("*/2 * * * * *")]
                public static Task EveryTwoSeconds(CancellationToken cancellationToken)
                {
                    Hooks.OnRun?.Invoke("cron");
                    return Task.CompletedTask;
                }
            }

            public partial class Secret
            {
                private Secret() { }

                [Interval(Seconds = 1)]
                private ValueTask Hidden(JobContext context)
                {
                    Hooks.OnRun?.Invoke("private " + context.JobId);
                    return default;
                }
            }
        }
        """;

    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Generated_jobs_run_in_the_scheduler_and_call_the_user_methods()
    {
        GeneratorRun run = GeneratorHarness.Run(Program).AssertGeneratorClean().AssertCompilesClean();
        using var loaded = new LoadedAssemblies(run.Output);
        IReadOnlyList<JobDefinition> all = loaded.All();
        Assert.Equal(["EndToEnd.Jobs.EverySecond", "EndToEnd.Jobs.EveryTwoSeconds", "EndToEnd.Jobs.Once", "EndToEnd.Secret.Hidden"], all.Select(j => j.Id));
        Assert.IsType<CronTrigger>(all[1].Trigger);
        Assert.True(((CronTrigger)all[1].Trigger).IncludeSeconds);
        Assert.Equal(new DateTimeOffset(2025, 1, 6, 9, 0, 1, TimeSpan.Zero), Assert.IsType<DateTrigger>(all[2].Trigger).RunAt);

        var seen = new ConcurrentDictionary<string, TaskCompletionSource>();
        TaskCompletionSource Signal(string key) => seen.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Action<string> hook = key => Signal(key).TrySetResult();
        loaded[0].GetType("EndToEnd.Hooks", throwOnError: true)!.GetField("OnRun")!.SetValue(null, hook);

        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));
        await using var scheduler = new Scheduler(all, new SchedulerOptions { TimeProvider = time });
        scheduler.Start();

        // One second at a time (never more than the interval), waiting for each second's runs before moving on.
        time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(Signal("interval").Task, Signal("private EndToEnd.Secret.Hidden").Task, Signal("at").Task).WaitAsync(SafetyTimeout);
        time.Advance(TimeSpan.FromSeconds(1));
        await Signal("cron").Task.WaitAsync(SafetyTimeout);

        await scheduler.ShutdownAsync(wait: true);
    }
}
