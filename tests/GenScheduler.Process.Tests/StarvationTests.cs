using System.Globalization;

namespace GenScheduler.Process.Tests;

/// <summary>
/// 100 jobs that block a thread for 1 s every 100 ms beside 20 healthy 100 ms jobs, for 5 s in a real process
/// (issue 7, item 25). Before, the timer callback itself waited for a thread-pool thread and 0 of 3,000 healthy runs
/// happened.
/// </summary>
/// <remarks>
/// The bar is half the due runs, not all of them: the test assemblies run side by side (the store tests start three
/// scheduler processes and a database server), and on two shared cores a loaded machine alone costs a third of them.
/// Starvation is zero, so half still tells the two apart.
/// </remarks>
public class StarvationTests
{
    [Fact]
    public void With_blocking_jobs_on_dedicated_threads_the_healthy_jobs_keep_their_schedule()
    {
        using var probe = ProbeProcess.Start("starvation", "DedicatedThread");

        var (runs, expected) = Count(probe.WaitFor("healthy runs"));

        Assert.True(runs >= expected * 0.5, $"healthy jobs made {runs} of {expected} runs:\n{probe.Output}");
    }

    [Fact]
    public void With_the_thread_pool_starved_by_blocking_jobs_the_firing_loop_still_decides_every_due_run()
    {
        using var probe = ProbeProcess.Start("starvation", "ThreadPool");

        probe.WaitFor("healthy runs");
        var (decisions, expected) = Count(probe.WaitFor("loop decisions"));

        Assert.True(decisions >= expected * 0.5, $"the firing loop decided {decisions} of {expected} due runs:\n{probe.Output}");
    }

    /// <summary>Reads "… N of M".</summary>
    private static (int Count, int Expected) Count(string line)
    {
        string[] words = line.Split(' ');
        return (int.Parse(words[^3], CultureInfo.InvariantCulture), int.Parse(words[^1], CultureInfo.InvariantCulture));
    }
}
