using System;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Stores.Tests;

/// <summary>
/// Wakes every waiter whenever something new arrived. A semaphore would not do: with two waiters on one source (a
/// test waiting for one line while an earlier wait for another is still pending), one release wakes only one of them
/// and the other can sleep through the very line it waits for.
/// </summary>
internal sealed class Pulse
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Something arrived: wake everyone waiting.</summary>
    public void Signal() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>
    /// Waits (bounded by <paramref name="bound"/>) until <paramref name="check"/> holds, re-checking after every signal.
    /// The signal is taken before the check, so an arrival between the two is not missed.
    /// </summary>
    public async Task<bool> Until(Func<bool> check, CancellationToken bound)
    {
        while (true)
        {
            Task next = Volatile.Read(ref _next).Task;
            if (check())
            {
                return true;
            }

            try
            {
                await next.WaitAsync(bound);
            }
            catch (OperationCanceledException)
            {
                return check();
            }
        }
    }
}
