using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace GenScheduler.Stores.Tests;

/// <summary>The tests that need a PostgreSQL server: <c>[Collection(PostgresCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}

/// <summary>
/// A real PostgreSQL server for the store tests. The one that <see cref="Variable"/> names (an Npgsql connection
/// string, as <c>.ci/run</c> exports it); without it, outside CI, a private one started with
/// <c>scripts/postgres-test-server.sh</c> in a temp folder and stopped at dispose, so that a plain
/// <c>dotnet test</c> works on any machine with the PostgreSQL binaries. Under CI (the <c>CI</c> variable set) a
/// missing <see cref="Variable"/> is an error: the tests fail, they never skip.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>The environment variable that names the server.</summary>
    public const string Variable = "GENSCHEDULER_POSTGRES";

    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(90);

    private readonly List<string> _databases = [];
    private string? _connectionString;
    private string? _script;
    private string? _privateDirectory;

    /// <summary>The server's own database, <c>genscheduler</c>. Tests take a database of their own with <see cref="CreateDatabaseAsync"/>.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The PostgreSQL server has not started.");

    public async Task InitializeAsync()
    {
        string? named = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            _connectionString = Parse(named.Trim(), $"the environment variable {Variable}");
            await CheckReachableAsync($"the server that {Variable} names");
            return;
        }

        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("CI")))
        {
            throw new InvalidOperationException(
                $"The PostgreSQL server for the store tests is missing: CI is set but {Variable} is not. CI must start a " +
                $"server (.ci/run does, with scripts/postgres-test-server.sh) and export {Variable}=<Npgsql connection " +
                "string>. Outside CI, leave both unset and the tests start a private server themselves.");
        }

        _script = FindScript();
        _privateDirectory = Path.Combine(Path.GetTempPath(), "genscheduler-pg-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            ScriptResult started = await RunScriptAsync("start", StartBound);
            if (started.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"Could not start a private PostgreSQL server with {_script} (exit code {started.ExitCode}). It needs the " +
                    $"PostgreSQL 15 binaries (initdb, pg_ctl, psql) on PATH; or set {Variable} to a server's connection string.\n" +
                    started.Error);
            }

            string? line = started.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            _connectionString = Parse(line ?? "", $"the output of {_script}");
            await CheckReachableAsync("the private server");
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Leave nothing running behind a failed start; the start's own error is the one to see.
            try
            {
                await StopPrivateServerAsync();
            }
            catch (Exception stop) when (stop is InvalidOperationException or TimeoutException)
            {
                throw new AggregateException(e, stop);
            }

            throw;
        }
    }

    /// <summary>
    /// Creates an empty database with a name of its own and returns its connection string: one per test, so that no
    /// two tests share state. Dropped at dispose.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        string name = "gs_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        var failures = new List<Exception>();
        if (_connectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            string[] databases;
            lock (_databases)
            {
                databases = [.. _databases];
                _databases.Clear();
            }

            foreach (string name in databases)
            {
                try
                {
                    // FORCE: a connection a test left open does not keep its database alive.
                    await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    failures.Add(e);
                }
            }
        }

        try
        {
            await StopPrivateServerAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            failures.Add(e);
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Cleaning up the PostgreSQL test server failed.", failures);
        }
    }

    private async Task StopPrivateServerAsync()
    {
        if (_privateDirectory is null)
        {
            return;
        }

        ScriptResult stopped = await RunScriptAsync("stop", StopBound);
        if (stopped.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not stop the private PostgreSQL server in {_privateDirectory} (exit code {stopped.ExitCode}).\n{stopped.Error}");
        }

        _privateDirectory = null;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        // No pool: nothing of the fixture's stays connected to the server.
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false };
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(builder);
        await using NpgsqlCommand command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task CheckReachableAsync(string what)
    {
        try
        {
            await ExecuteAsync("SELECT 1", CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException($"Cannot reach {what} ({Redacted(ConnectionString)}): {e.Message}", e);
        }
    }

    private static string Parse(string connectionString, string source)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrEmpty(builder.Host))
            {
                throw new ArgumentException("it names no Host");
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{source} is not an Npgsql connection string ({e.Message}): \"{Redacted(connectionString)}\"", e);
        }
    }

    private static string Redacted(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (builder.Password is not null)
            {
                builder.Password = "***";
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unreadable)";
        }
    }

    /// <summary>scripts/postgres-test-server.sh in the repository root: the folder above the test binaries that holds GenScheduler.sln.</summary>
    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GenScheduler.sln")))
            {
                string script = Path.Combine(directory.FullName, "scripts", "postgres-test-server.sh");
                return File.Exists(script)
                    ? script
                    : throw new InvalidOperationException($"The repository root {directory.FullName} has no {script}.");
            }
        }

        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} holds GenScheduler.sln, so scripts/postgres-test-server.sh cannot be " +
            $"found to start a private PostgreSQL server. Set {Variable} to a server's connection string instead.");
    }

    private sealed record ScriptResult(int ExitCode, string Output, string Error);

    /// <summary>Runs the script with a bound: past it the script and its children are killed and this throws.</summary>
    private async Task<ScriptResult> RunScriptAsync(string verb, TimeSpan bound)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(_script!);
        start.ArgumentList.Add(verb);
        start.ArgumentList.Add(_privateDirectory!);

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            string soFar = await ReadWithBoundAsync(error);
            throw new TimeoutException($"{_script} {verb} {_privateDirectory} did not finish within {bound.TotalSeconds} s and was killed.\n{soFar}");
        }

        return new ScriptResult(process.ExitCode, await ReadWithBoundAsync(output), await ReadWithBoundAsync(error));
    }

    /// <summary>The rest of a redirected stream, waiting a bounded time for it: a child that kept the pipe open cannot hang the tests.</summary>
    private static async Task<string> ReadWithBoundAsync(Task<string> read)
    {
        try
        {
            return await read.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            return "(the output did not close within 10 s)";
        }
    }
}
