using System.Threading.Tasks;

namespace GenScheduler.Stores.Tests.Cluster;

/// <summary>Three scheduler processes on one PostgreSQL database, and one of them killed with <c>kill -9</c> mid-run.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlClusterTests(PostgresServer server)
{
    [Fact]
    public async Task Three_nodes_for_twenty_seconds_run_every_occurrence_exactly_once() =>
        await ClusterScenarios.EveryOccurrenceRunsOnce("postgresql", await server.CreateDatabaseAsync(), seconds: 20);

    [Fact]
    public async Task A_node_killed_mid_run_at_most_once_its_run_is_abandoned_and_reported_never_doubled() =>
        await ClusterScenarios.ANodeKilledMidRun("postgresql", await server.CreateDatabaseAsync(), RunDelivery.AtMostOnce);

    [Fact]
    public async Task A_node_killed_mid_run_at_least_once_its_run_is_run_again_exactly_once_by_another() =>
        await ClusterScenarios.ANodeKilledMidRun("postgresql", await server.CreateDatabaseAsync(), RunDelivery.AtLeastOnce);
}
