using System;
using System.Threading.Tasks;
using GenScheduler.Stores.Tests.Sqlite;

namespace GenScheduler.Stores.Tests.Cluster;

/// <summary>Three processes on one SQLite file: the file coordinates them (apscheduler#959 runs every job in each).</summary>
public sealed class SqliteClusterTests : IDisposable
{
    private readonly SqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public Task Three_processes_on_one_file_run_each_occurrence_once() =>
        ClusterScenarios.EveryOccurrenceRunsOnce("sqlite", _file.Path, seconds: 8);

    [Theory]
    [InlineData(RunDelivery.AtMostOnce)]
    [InlineData(RunDelivery.AtLeastOnce)]
    public Task A_lone_process_killed_between_claim_and_end_has_its_run_settled_by_its_restart(RunDelivery delivery) =>
        ClusterScenarios.AKilledLoneNodeIsSettledByItsRestart("sqlite", _file.Path, delivery);

    [Fact]
    public Task A_process_killed_mid_run_has_its_run_run_again_once_at_least_once() =>
        ClusterScenarios.ANodeKilledMidRun("sqlite", _file.Path, RunDelivery.AtLeastOnce);
}
