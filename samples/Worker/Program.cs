// GenScheduler in a Generic Host: the generated table, a hosted service, configuration, DI jobs.
//
//   dotnet run --project samples/Worker                 # until Ctrl+C
//   dotnet publish samples/Worker -c Release -o out/worker && ./out/worker/GenScheduler.Samples.Worker 3
//
// appsettings.json makes Cleanup run every second (its attribute says every 5 minutes) and pauses Nightly.
// A MeterListener prints the genscheduler.job.runs counter as runs end.
using System;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using GenScheduler;
using GenScheduler.Samples.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddScoped<AppDb>();
builder.Services.AddGenScheduler();   // generated for this app: its ScheduledJobs.All, options from "GenScheduler"

using var meters = new MeterListener();
meters.InstrumentPublished = (instrument, listener) =>
{
    if (instrument.Meter.Name == "GenScheduler" && instrument.Name == "genscheduler.job.runs")
    {
        listener.EnableMeasurementEvents(instrument);
    }
};
meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
{
    string job = "", outcome = "";
    foreach (var tag in tags)
    {
        job = tag.Key == "job.id" ? (string)tag.Value! : job;
        outcome = tag.Key == "job.outcome" ? (string)tag.Value! : outcome;
    }

    Console.WriteLine($"metric genscheduler.job.runs +{value} job.id={job} job.outcome={outcome}");
});
meters.Start();

using var host = builder.Build();
if (args.Length > 0)
{
    // A bounded run, for CI: stop after the given seconds, as Ctrl+C would.
    var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
    _ = Task.Delay(TimeSpan.FromSeconds(double.Parse(args[0], CultureInfo.InvariantCulture))).ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
}

await host.RunAsync();
Console.WriteLine("worker stopped");

namespace GenScheduler.Samples.Worker
{
    /// <summary>A scoped service: a new one per run, disposed after it.</summary>
    public sealed class AppDb : IDisposable
    {
        private static int s_opened;

        public int Number { get; } = Interlocked.Increment(ref s_opened);

        public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken) => Task.FromResult(Number);

        public void Dispose() => Console.WriteLine($"AppDb {Number} disposed");
    }

    /// <summary>Constructor injection: a new Cleanup, with its own AppDb, per run.</summary>
    public sealed class Cleanup(ILogger<Cleanup> log, AppDb db)
    {
        [Interval(Minutes = 5)]
        public async Task Run(CancellationToken cancellationToken)
        {
            int removed = await db.DeleteExpiredAsync(cancellationToken);
            log.LogInformation("cleanup ran with AppDb {Db}", removed);
        }
    }

    public static class Reports
    {
        [Cron("* * * * * *")]
        public static void Nightly() => Console.WriteLine("nightly report ran (it should be paused by appsettings.json)");
    }
}
