using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace GenScheduler.Stores.Tests.Cluster;

/// <summary>
/// The cluster scenarios of the job-store issue, on whichever store a test class gives: three scheduler processes on
/// one store, counting executions (not rows); and one of them killed with <c>kill -9</c> in the middle of a run.
/// </summary>
internal static class ClusterScenarios
{
    private const string Second = "Cluster.Second", Tenth = "Cluster.Tenth", Slow = "Cluster.Slow";

    /// <summary>Three nodes for <paramref name="seconds"/>: every occurrence of the 1 s and 100 ms jobs runs exactly once across them.</summary>
    public static async Task EveryOccurrenceRunsOnce(string store, string where, double seconds)
    {
        var nodes = Enumerable.Range(1, 3).Select(i => NodeProcess.Start(store, where, $"node{i}", RunDelivery.AtMostOnce, seconds)).ToList();
        try
        {
            foreach (var node in nodes)
            {
                await node.WaitFor("stopped");
                Assert.Equal(0, await node.ExitCodeAsync());
            }

            var log = new ClusterLog(nodes);
            Assert.Empty(log.Errors);
            Assert.Empty(log.Doubled());
            Assert.Empty(log.Missing(Second, TimeSpan.FromSeconds(1)));
            Assert.Empty(log.Missing(Tenth, TimeSpan.FromMilliseconds(100)));

            // Shared work: the 100 ms job ran on more than one node, and about as often as the nodes' lifetimes allow
            // (they start a little apart, so together they live a little longer than one).
            Assert.True(log.Runs.Where(r => r.Job == Tenth).Select(r => r.Node).Distinct().Count() > 1, "all runs on one node");
            Assert.InRange(log.Runs.Count(r => r.Job == Tenth), (int)(seconds * 10 * 0.6), (int)(seconds * 10 * 1.5));
        }
        finally
        {
            nodes.ForEach(n => n.Dispose());
        }
    }

    /// <summary>
    /// Three nodes; the one that starts the slow job is killed in the middle of the run. The others carry on within the
    /// node timeout; the killed run is abandoned once (at most once) or run again once as attempt 2 (at least once).
    /// </summary>
    public static async Task ANodeKilledMidRun(string store, string where, RunDelivery delivery)
    {
        var nodes = Enumerable.Range(1, 3).Select(i => NodeProcess.Start(store, where, $"node{i}", delivery, 14)).ToList();
        try
        {
            var waits = nodes.Select(n => n.WaitFor($"start {Slow} ")).ToList();
            var started = await Task.WhenAny(waits);
            var victim = nodes[waits.IndexOf(started)];
            long killedRun = long.Parse((await started).Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
            victim.KillHard();
            var survivors = nodes.Where(n => n != victim).ToList();
            foreach (var node in survivors)
            {
                await node.WaitFor("stopped");
            }

            var log = new ClusterLog(nodes);
            Assert.Empty(log.Errors);
            Assert.Empty(log.Doubled());
            var attempts = log.Runs.Where(r => r.Job == Slow && r.Ticks == killedRun).ToList();
            if (delivery == RunDelivery.AtLeastOnce)
            {
                Assert.Equal([1, 2], attempts.Select(r => r.Attempt).Order());
                Assert.NotEqual(victim.Id, attempts.Single(r => r.Attempt == 2).Node);
                Assert.DoesNotContain(log.Abandoned, a => a.Job == Slow && a.Ticks == killedRun);
            }
            else
            {
                Assert.Equal(victim.Id, Assert.Single(attempts).Node);
                Assert.Single(log.Abandoned, a => a.Job == Slow && a.Ticks == killedRun);
            }

            // The others carried on: the 1 s job kept running after the kill, nothing lost (a fire the dead node took
            // and had not run is reported abandoned), nothing doubled.
            var afterKill = log.Runs.Where(r => r.Job == Second && r.Ticks > killedRun && r.Node != victim.Id).ToList();
            Assert.True(afterKill.Count >= 6, $"only {afterKill.Count} runs of {Second} after the kill");
            Assert.Empty(log.Missing(Second, TimeSpan.FromSeconds(1)));
            Assert.Empty(log.Missing(Tenth, TimeSpan.FromMilliseconds(100)));
        }
        finally
        {
            nodes.ForEach(n => n.Dispose());
        }
    }

    /// <summary>
    /// One node alone, killed between the claim of a run and its end; a new process on the same store settles the run
    /// once the dead one's heartbeat is older than the node timeout: abandoned and reported (at most once), or run again
    /// as attempt 2 (at least once).
    /// </summary>
    public static async Task AKilledLoneNodeIsSettledByItsRestart(string store, string where, RunDelivery delivery)
    {
        using var first = NodeProcess.Start(store, where, "before", delivery, 30);
        long killedRun = long.Parse((await first.WaitFor($"start {Slow} ")).Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        first.KillHard();

        using var second = NodeProcess.Start(store, where, "after", delivery, 30);
        string settled = delivery == RunDelivery.AtLeastOnce ? $"start {Slow} {killedRun} 2 after" : $"abandoned {Slow} {killedRun} after";
        await second.WaitFor(settled);
        second.KillHard();

        var log = new ClusterLog([first, second]);
        Assert.Empty(log.Doubled());
        Assert.Empty(log.Errors);
        Assert.Equal(delivery == RunDelivery.AtLeastOnce ? 2 : 1, log.Runs.Count(r => r.Job == Slow && r.Ticks == killedRun));
    }
}
