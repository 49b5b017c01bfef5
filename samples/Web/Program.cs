// GenScheduler inside an ASP.NET Core minimal API: the scheduler starts and stops with the app, and two endpoints
// control it at run time.
//
//   dotnet run --project samples/Web --urls http://127.0.0.1:5080
//   curl http://127.0.0.1:5080/jobs                          # every job, by next run time
//   curl -X POST http://127.0.0.1:5080/jobs/Jobs.Digest/run   # run one now, outside its schedule
using System;
using System.Linq;
using GenScheduler;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddGenScheduler();

var app = builder.Build();

app.MapGet("/jobs", (Scheduler scheduler) => Results.Text(
    string.Join('\n', scheduler.GetJobs().Select(job => job.ToString())) + "\n"));

app.MapPost("/jobs/{id}/run", (string id, Scheduler scheduler) =>
{
    if (!scheduler.TryGetJob(id, out _))
    {
        return Results.Text($"No job has the id \"{id}\".\n", statusCode: StatusCodes.Status404NotFound);
    }

    scheduler.RunNow(id);
    return Results.Text($"{id} runs now\n", statusCode: StatusCodes.Status202Accepted);
});

app.Run();

public static class Jobs
{
    [Interval(Seconds = 10)]
    public static void Heartbeat(ILogger<Heartbeat> log) => log.LogInformation("web app heartbeat");

    [Cron("0 8 * * 1-5", TimeZone = "Europe/Berlin")]
    public static void Digest(ILogger<Heartbeat> log) => log.LogInformation("digest sent");
}

/// <summary>The logging category of the jobs above.</summary>
public sealed class Heartbeat;
