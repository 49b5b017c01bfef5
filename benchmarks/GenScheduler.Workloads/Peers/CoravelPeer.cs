using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Coravel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GenScheduler.Workloads;

/// <summary>
/// Coravel 6.0.2: <c>AddScheduler</c>, one <c>Schedule(...)</c> per job, its hosted service started by hand. Coravel's
/// finest schedule is once a second (<c>EverySecond</c>), and its runs carry no scheduled time: a run's is taken to be the
/// whole second it ran in, and the host is started just after a second boundary so its one-second tick lines up with them.
/// </summary>
internal sealed class CoravelPeer : IPeer
{
    private readonly ServiceProvider _provider;
    private IHostedService? _host;

    public CoravelPeer()
    {
        var services = new ServiceCollection();
        services.AddScheduler();
        _provider = services.BuildServiceProvider();
    }

    public void Add(int count, TimeSpan interval, Func<int, DateTimeOffset> firstDue)
    {
        var scheduler = _provider.GetRequiredService<Coravel.Scheduling.Schedule.Interfaces.IScheduler>();
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

    public async Task StartAsync()
    {
        _host = _provider.GetServices<IHostedService>().Single(h => h.GetType().Name.Contains("Scheduler", StringComparison.Ordinal));
        await _host.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
    }
}
