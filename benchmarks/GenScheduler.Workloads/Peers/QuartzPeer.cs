using System;
using System.Threading;
using System.Threading.Tasks;
using Quartz;

namespace GenScheduler.Workloads;

/// <summary>Quartz.NET 4.7.3 as its documentation sets it up: in-memory store, default thread pool, one job and one simple trigger per job.</summary>
internal sealed class QuartzPeer : IPeer
{
    private readonly IScheduler _scheduler =
        QuartzSchedulerBuilder.Create(static q => q.UseInMemoryStore()).Build().GetScheduler().GetAwaiter().GetResult();

    public void Add(int count, TimeSpan interval, Func<int, DateTimeOffset> firstDue)
    {
        for (int i = 0; i < count; i++)
        {
            var job = JobBuilder.Create<ProbeJob>().WithIdentity("job" + i).Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity("job" + i)
                .StartAt(firstDue(i))
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever())
                .Build();
            _scheduler.ScheduleJob(job, trigger).AsTask().GetAwaiter().GetResult();
        }
    }

    public Task StartAsync() => _scheduler.Start().AsTask();

    public async ValueTask DisposeAsync() => await _scheduler.Shutdown(waitForJobsToComplete: false);

    public sealed class ProbeJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            Probe.Ran(context.ScheduledFireTimeUtc!.Value.UtcTicks);
            return default;
        }
    }
}
