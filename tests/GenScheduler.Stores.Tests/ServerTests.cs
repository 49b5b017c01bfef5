using System.Threading.Tasks;
using Npgsql;

namespace GenScheduler.Stores.Tests;

/// <summary>The server the store tests run against is real, is PostgreSQL 15, and gives each test a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ServerTests(PostgresServer server)
{
    [Fact]
    public async Task The_server_is_PostgreSQL_15()
    {
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        await using NpgsqlCommand command = dataSource.CreateCommand("SHOW server_version");

        string? version = (string?)await command.ExecuteScalarAsync();

        Assert.NotNull(version);
        Assert.StartsWith("15", version, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_database_has_no_tables_in_the_public_schema()
    {
        string connectionString = await server.CreateDatabaseAsync();
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);
        await using NpgsqlCommand command = dataSource.CreateCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");

        long tables = (long)(await command.ExecuteScalarAsync())!;

        Assert.Equal(0, tables);
    }

    [Fact]
    public async Task Each_test_database_is_its_own()
    {
        string first = await server.CreateDatabaseAsync();
        string second = await server.CreateDatabaseAsync();
        await using NpgsqlDataSource firstSource = NpgsqlDataSource.Create(first);
        await using NpgsqlDataSource secondSource = NpgsqlDataSource.Create(second);
        await using (NpgsqlCommand create = firstSource.CreateCommand("CREATE TABLE jobs (id text PRIMARY KEY)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using NpgsqlCommand name = secondSource.CreateCommand("SELECT current_database()");
        await using NpgsqlCommand tables = secondSource.CreateCommand("SELECT count(*) FROM pg_tables WHERE tablename = 'jobs'");

        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, (string?)await name.ExecuteScalarAsync());
        Assert.Equal(0L, (long)(await tables.ExecuteScalarAsync())!);
    }
}
