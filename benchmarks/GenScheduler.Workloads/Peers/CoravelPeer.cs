using System;
using System.Threading;
using System.Threading.Tasks;
using Coravel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GenScheduler.Workloads;

/// <summary>
/// Coravel 6.0.2: <c>AddScheduler</c> on a Generic Host with no log providers (its hosted service needs the host's
/// lifetime and a logger), one <c>Schedule(...)</c> per job. Coravel's
/// finest schedule is once a second (<c>EverySecond</c>), and its runs carry no scheduled time: a run's is taken to be the
/// whole second it ran in, and the host is started just after a second boundary so its one-second tick lines up with them.
/// </summary>
internal sealed class CoravelPeer : IPeer
{
    private readonly IHost _host;

    public CoravelPeer()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddScheduler();
        _host = builder.Build();
    }

    public void Add(int count, TimeSpan interval, Func<int, DateTimeOffset> firstDue)
    {
        var scheduler = _host.Services.GetRequiredService<Coravel.Scheduling.Schedule.Interfaces.IScheduler>();
        for (int i = 0; i < count; i++)
        {
            var run = scheduler.Schedule(static () => Probe.Ran(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond));
            if (interval == TimeSpan.FromSeconds(1))
            {
                run.EverySecond();
            }
            else if (interval == TimeSpan.FromHours(1))
            {
                run.Hourly();
            }
            else
            {
                throw new NotSupportedException($"Coravel has no schedule for an interval of {interval}: its finest is once a second.");
            }
        }
    }

    public void BeforeStart()
    {
        // Just after a second boundary, so the one-second tick comes at the start of each second.
        long now = DateTime.UtcNow.Ticks;
        Thread.Sleep(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - (now % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerMillisecond));
    }

    public Task StartAsync() => _host.StartAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
