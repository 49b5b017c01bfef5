using System;
using System.Collections.Concurrent;
using GenScheduler;

namespace Invoices;

/// <summary>The jobs of a small billing app.</summary>
public static class InvoiceJobs
{
    /// <summary>The months invoiced so far, by the scheduled time of each run.</summary>
    public static ConcurrentQueue<DateTimeOffset> Sent { get; } = new();

    /// <summary>Sends the month's invoices at 06:00 UTC on the first of each month.</summary>
    [Cron("0 6 1 * *")]
    public static void SendMonthly(JobContext context) => Sent.Enqueue(context.ScheduledTime);

    /// <summary>Retries failed payments every 15 minutes.</summary>
    [Interval(Minutes = 15)]
    public static void RetryPayments()
    {
    }
}
