using System;
using System.Threading;

namespace GenScheduler.Tests;

/// <summary>
/// The flag the firing loop and its watchdog sleep on: a raise is never slept through, whichever thread gets there
/// first. Real threads, bounded waits.
/// </summary>
public class WakeFlagTests
{
    [Fact]
    public void A_raise_before_the_wait_keeps_it_from_sleeping_until_the_flag_is_lowered()
    {
        var flag = new WakeFlag();
        flag.Raise();

        Assert.True(flag.Wait(Timeout.Infinite));
        Assert.True(flag.Wait(Timeout.Infinite));

        flag.Lower();
        Assert.False(flag.Wait(1));
    }

    [Fact]
    public void A_raise_from_another_thread_wakes_a_wait_without_a_timeout()
    {
        var flag = new WakeFlag();
        bool raised = false;
        var sleeper = new Thread(() => raised = flag.Wait(Timeout.Infinite)) { IsBackground = true };
        sleeper.Start();

        // Raised only once the sleeper sleeps, so that it is the pulse that wakes it, not the flag read before the wait.
        Assert.True(SpinWait.SpinUntil(() => (sleeper.ThreadState & ThreadState.WaitSleepJoin) != 0, TimeSpan.FromSeconds(30)));
        flag.Raise();

        Assert.True(sleeper.Join(TimeSpan.FromSeconds(30)));
        Assert.True(raised);
    }

    [Fact]
    public void No_raise_is_lost_between_a_lower_and_the_next_wait()
    {
        // The firing loop's own pattern: lower the flag, look at what others changed, sleep; the raiser changes, then
        // raises. Were a raise lost, the waiter would sleep forever with a change it has not seen.
        const int Changes = 200_000;
        var flag = new WakeFlag();
        int changed = 0;
        int wakeUps = 0;
        var waiter = new Thread(() =>
        {
            while (true)
            {
                flag.Lower();
                if (Volatile.Read(ref changed) == Changes)
                {
                    return;
                }

                flag.Wait(Timeout.Infinite);
                wakeUps++;
            }
        })
        { IsBackground = true };
        waiter.Start();

        // Not before the waiter sleeps: a raiser that ran all its changes before the waiter began would test nothing.
        Assert.True(SpinWait.SpinUntil(() => (waiter.ThreadState & ThreadState.WaitSleepJoin) != 0, TimeSpan.FromSeconds(30)));
        for (int i = 0; i < Changes; i++)
        {
            Interlocked.Increment(ref changed);
            flag.Raise();
        }

        Assert.True(waiter.Join(TimeSpan.FromSeconds(30)), "The waiter slept through a raise.");
        Assert.InRange(wakeUps, 1, Changes);
    }
}
