using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace GenScheduler.Stores.Tests.PostgreSql;

/// <summary>
/// A PostgreSQL server of one test's own, started with <c>scripts/postgres-test-server.sh</c>, that the test may stop
/// and start again on the same port (with <c>pg_ctl</c> on the script's cluster) to play an outage. Removed at dispose.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);

    /// <summary>What the script does to find pg_ctl and to run it as the cluster's owner; $1 the folder, $2 the port, $3 start or stop.</summary>
    private const string PgCtl = """
        set -euo pipefail
        dir=$1 port=$2 verb=$3
        if [ -n "${PG_BINDIR:-}" ]; then bindir=$PG_BINDIR
        elif command -v pg_ctl >/dev/null 2>&1; then bindir=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
        else bindir=/usr/lib/postgresql/15/bin; fi
        if [ "$(id -u)" -eq 0 ]; then as_owner() { (cd "$dir" && runuser -u postgres -- "$@"); }; else as_owner() { (cd "$dir" && "$@"); }; fi
        if [ "$verb" = stop ]; then
          as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop
        else
          as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $port" -w -t 60 start
        fi
        """;

    private readonly string _script;
    private readonly string _directory;
    private bool _started;

    private PrivatePostgres(string script, string directory)
    {
        _script = script;
        _directory = directory;
    }

    public string ConnectionString { get; private set; } = "";

    public int Port { get; private set; }

    public static async Task<PrivatePostgres> StartAsync()
    {
        var server = new PrivatePostgres(FindScript(), Path.Combine(Path.GetTempPath(), "genscheduler-pg-own-" + Guid.NewGuid().ToString("N")[..12]));
        var (code, output, error) = await RunAsync("bash", [server._script, "start", server._directory]);
        if (code != 0)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"{server._script} start failed ({code}):\n{error}");
        }

        server._started = true;
        string line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        var builder = new NpgsqlConnectionStringBuilder(line);
        server.ConnectionString = builder.ConnectionString;
        server.Port = builder.Port;
        return server;
    }

    /// <summary>Stops the server (fast shutdown: sessions are told, then closed).</summary>
    public Task StopAsync() => PgCtlAsync("stop");

    /// <summary>Starts the stopped server again, on the same port.</summary>
    public Task RestartAsync() => PgCtlAsync("start");

    public async ValueTask DisposeAsync()
    {
        if (!_started && !Directory.Exists(_directory))
        {
            return;
        }

        var (code, _, error) = await RunAsync("bash", [_script, "stop", _directory]);
        if (code != 0)
        {
            throw new InvalidOperationException($"{_script} stop failed ({code}):\n{error}");
        }
    }

    private async Task PgCtlAsync(string verb)
    {
        var (code, _, error) = await RunAsync("bash", ["-c", PgCtl, "pg_ctl", _directory, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), verb]);
        if (code != 0)
        {
            throw new InvalidOperationException($"pg_ctl {verb} failed ({code}):\n{error}\n{ReadLog()}");
        }
    }

    private string ReadLog()
    {
        string log = Path.Combine(_directory, "server.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no server log)";
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments.Take(3))} did not finish within {Bound.TotalSeconds} s.");
        }

        return (process.ExitCode, await output.WaitAsync(TimeSpan.FromSeconds(10)), await error.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GenScheduler.sln")))
            {
                return Path.Combine(directory.FullName, "scripts", "postgres-test-server.sh");
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds GenScheduler.sln.");
    }
}
