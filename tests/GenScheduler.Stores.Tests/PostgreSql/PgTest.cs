using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace GenScheduler.Stores.Tests.PostgreSql;

/// <summary>What the PostgreSQL store tests share: rows, fires, stores on a fake clock, and a look at the tables.</summary>
internal static class PgTest
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A store opened as node <paramref name="node"/> on <paramref name="time"/>, as a scheduler's start would.</summary>
    public static PostgreSqlJobStore Open(string connectionString, string node, TimeProvider time, string schema = PostgreSqlJobStore.DefaultSchema)
    {
        var store = new PostgreSqlJobStore(connectionString, schema);
        try
        {
            store.Open(new JobStoreSession(node, time, NodeTimeout));
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public static FakeTimeProvider Clock() => new(T0);

    /// <summary>A table job's row; the instants are off the minute by some ticks, which a lossy round trip would lose.</summary>
    public static StoredJob Row(string id, DateTimeOffset? next, string fingerprint = "fp-1", bool paused = false) => new()
    {
        Id = id,
        Fingerprint = fingerprint,
        NextRunTime = next,
        Origin = T0.AddTicks(-7),
        Paused = paused,
    };

    /// <summary>A fire of <paramref name="id"/> due at <paramref name="due"/>, moving it to <paramref name="next"/>, with a run when <paramref name="first"/> is given.</summary>
    public static FireClaim Fire(string id, DateTimeOffset due, DateTimeOffset? next, DateTimeOffset? first = null, int count = 1, RunDelivery delivery = RunDelivery.AtMostOnce)
    {
        var claim = new FireClaim();
        claim.Reset(id, due, next, delivery);
        if (first is { } f)
        {
            claim.SetRun(f, count);
        }

        return claim;
    }

    /// <summary>A fire that makes one run at its due time and moves the job a minute (and a tick) on.</summary>
    public static FireClaim Fire(string id, DateTimeOffset due, RunDelivery delivery = RunDelivery.AtMostOnce) =>
        Fire(id, due, due.AddMinutes(1).AddTicks(1), due, 1, delivery);

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false });
        await using var command = source.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false });
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
