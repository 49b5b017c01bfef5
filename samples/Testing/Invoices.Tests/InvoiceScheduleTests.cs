using System;
using System.Linq;
using System.Threading.Tasks;
using GenScheduler;
using Microsoft.Extensions.Time.Testing;

namespace Invoices.Tests;

// The README's "Testing your schedules" section is this file.
public class InvoiceScheduleTests
{
    [Fact]
    public async Task Invoices_go_out_at_six_on_the_first_of_the_month()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero));
        await using var scheduler = new Scheduler([ScheduledJobs.InvoiceJobs_SendMonthly], new() { TimeProvider = time });
        scheduler.Start();

        await scheduler.AdvanceAsync(time, TimeSpan.FromDays(1));

        Assert.Equal([new DateTimeOffset(2026, 2, 1, 6, 0, 0, TimeSpan.Zero)], InvoiceJobs.Sent);
    }

    [Fact]
    public void The_app_schedules_these_jobs()
    {
        Assert.Equal(
            ["Invoices.InvoiceJobs.RetryPayments: interval[0:15:00]", "Invoices.InvoiceJobs.SendMonthly: cron[0 6 1 * *]"],
            ScheduledJobs.All.Select(job => $"{job.Id}: {job.Trigger}").Order());
    }
}
