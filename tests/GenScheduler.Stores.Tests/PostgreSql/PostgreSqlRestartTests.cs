using System.Threading.Tasks;

namespace GenScheduler.Stores.Tests.PostgreSql;

/// <summary>The restart table on a real PostgreSQL server, a new database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlRestartTests(PostgresServer server) : RestartTests
{
    private string _database = "";

    protected override IJobStore OpenStore() => new PostgreSqlJobStore(_database);

    public override async Task InitializeAsync() => _database = await server.CreateDatabaseAsync();
}
