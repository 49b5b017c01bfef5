using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using static GenScheduler.Stores.Tests.PostgreSql.PgTest;

namespace GenScheduler.Stores.Tests.PostgreSql;

/// <summary>The PostgreSQL store when the server is wrong or gone: a <see cref="JobStoreException"/> that says which and why, and a store that recovers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlFailureTests(PostgresServer server)
{
    [Fact]
    public async Task A_database_that_does_not_exist_is_named_in_the_error()
    {
        string db = await server.CreateDatabaseAsync();
        string missing = new NpgsqlConnectionStringBuilder(db) { Database = "gs_no_such_database" }.ConnectionString;
        using var store = new PostgreSqlJobStore(missing);

        var e = Assert.Throws<JobStoreException>(() => store.Open(new JobStoreSession("a", Clock(), NodeTimeout)));

        AssertNames(store, e);
        Assert.Contains("the database \"gs_no_such_database\" does not exist", e.Message, StringComparison.Ordinal);
        Assert.IsType<PostgresException>(e.InnerException);
    }

    [Fact]
    public async Task A_user_the_server_does_not_know_is_named_in_the_error()
    {
        string db = await server.CreateDatabaseAsync();
        string stranger = new NpgsqlConnectionStringBuilder(db) { Username = "gs_stranger" }.ConnectionString;
        using var store = new PostgreSqlJobStore(stranger);

        var e = Assert.Throws<JobStoreException>(() => store.Open(new JobStoreSession("a", Clock(), NodeTimeout)));

        AssertNames(store, e);
        Assert.Contains("refused the login of user \"gs_stranger\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_where_nothing_listens_is_a_refused_connection_named_in_the_error()
    {
        int port = ClosedPort();
        using var store = new PostgreSqlJobStore($"Host=127.0.0.1;Port={port};Username=postgres;Database=app");

        var e = Assert.Throws<JobStoreException>(() => store.Open(new JobStoreSession("a", Clock(), NodeTimeout)));

        Assert.Equal($"PostgreSQL 127.0.0.1:{port}/app", store.Name);
        AssertNames(store, e);
        Assert.Contains($"the connection to 127.0.0.1:{port} was refused", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_connection_string_or_schema_name_is_refused_at_once()
    {
        Assert.Throws<ArgumentException>(() => new PostgreSqlJobStore("Host=x;NoSuchKeyword=1"));
        Assert.Throws<ArgumentException>(() => new PostgreSqlJobStore("Host=x", "bad\"schema"));
        Assert.Throws<ArgumentException>(() => new PostgreSqlJobStore("Host=x", "1starts_with_a_digit"));
    }

    [Fact]
    public void The_short_timeouts_apply_unless_the_connection_string_sets_its_own()
    {
        using var plain = new PostgreSqlJobStore("Host=127.0.0.1;Port=1");
        using var own = new PostgreSqlJobStore("Host=127.0.0.1;Port=1;Timeout=2;Command Timeout=60");

        Assert.Equal((5, 10), (plain.Settings.Timeout, plain.Settings.CommandTimeout));
        Assert.Equal((2, 60), (own.Settings.Timeout, own.Settings.CommandTimeout));
    }

    [Fact]
    public async Task A_stopped_server_fails_every_call_and_the_same_store_works_again_once_it_is_back()
    {
        await using var own = await PrivatePostgres.StartAsync();
        var time = Clock();
        using var store = Open(own.ConnectionString, "a", time);
        using var other = Open(own.ConnectionString, "b", time);
        store.ProposeJobs([Row("job", T0), Row("later", T0.AddHours(1))]);
        Assert.True(store.WaitForChange(TimeSpan.FromMilliseconds(1), CancellationToken.None)); // listening from here; may have missed one

        await own.StopAsync();

        var heartbeat = Assert.Throws<JobStoreException>(store.Heartbeat);
        AssertNames(store, heartbeat);
        Assert.Contains("refused", heartbeat.Message, StringComparison.Ordinal);
        var claim = Fire("job", T0);
        AssertNames(store, Assert.Throws<JobStoreException>(() => store.Claim([claim])));
        Assert.Equal(ClaimOutcome.Pending, claim.Outcome);
        AssertNames(store, Assert.Throws<JobStoreException>(() => store.WaitForChange(TimeSpan.FromSeconds(20), CancellationToken.None)));
        AssertNames(store, Assert.Throws<JobStoreException>(() => store.LoadJobs()));

        await own.RestartAsync();

        store.Heartbeat();
        store.Claim([claim]);
        Assert.Equal(ClaimOutcome.Won, claim.Outcome);
        Assert.True(store.WaitForChange(TimeSpan.FromMilliseconds(1), CancellationToken.None)); // listening again: a change may have gone by
        var changed = Task.Run(() => store.WaitForChange(TimeSpan.FromSeconds(30), CancellationToken.None));
        other.SaveJob(Row("later", T0.AddHours(2))); // its pooled connection was broken too: it is replaced
        Assert.True(await changed.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(T0.AddMinutes(1).AddTicks(1), Assert.Single(store.LoadJobs(), r => r.Id == "job").NextRunTime);
    }

    [Fact]
    public async Task Methods_before_Open_say_so()
    {
        string db = await server.CreateDatabaseAsync();
        using var store = new PostgreSqlJobStore(db);

        var e = Assert.Throws<InvalidOperationException>(() => store.LoadJobs());
        Assert.Contains("is not open", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => store.WaitForChange(TimeSpan.Zero, CancellationToken.None));
    }

    private static void AssertNames(PostgreSqlJobStore store, JobStoreException e)
    {
        Assert.Equal(store.Name, e.Store);
        Assert.StartsWith($"Job store {store.Name}: ", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A loopback port that was free a moment ago, and on which nothing listens now.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
