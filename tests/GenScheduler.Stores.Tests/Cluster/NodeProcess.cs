using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Stores.Tests.Cluster;

/// <summary>
/// A node of a cluster test: the probe program in <c>node</c> mode as a real process. Its lines are kept for counting;
/// it can be waited for (with a bound) and killed with SIGKILL. Killed when disposed, so no test leaves a process behind.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Pulse _line = new();

    private NodeProcess(string id, Process process)
    {
        Id = id;
        _process = process;
        _process.OutputDataReceived += (_, e) => Receive(e.Data);
        _process.ErrorDataReceived += (_, e) => Receive(e.Data is null ? null : "stderr: " + e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Id { get; }

    public string[] Lines => [.. _lines];

    public static NodeProcess Start(string store, string where, string id, RunDelivery delivery, double seconds)
    {
        string probe = typeof(NodeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProbePath").Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { probe, "node", store, where, id, delivery.ToString(), seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return new NodeProcess(id, Process.Start(start)!);
    }

    /// <summary>Waits (bounded) for a line that starts with <paramref name="prefix"/>.</summary>
    public async Task<string> WaitFor(string prefix)
    {
        using var bound = new CancellationTokenSource(Bound);
        string? found = null;
        if (await _line.Until(() => (found = _lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))) is not null, bound.Token))
        {
            return found!;
        }

        throw new TimeoutException($"Node {Id} did not print \"{prefix}\" within {Bound.TotalSeconds} s. It printed:\n{string.Join('\n', _lines)}");
    }

    /// <summary><c>kill -9</c>: no shutdown, no last write, no leaving the cluster.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async Task<int> ExitCodeAsync()
    {
        using var bound = new CancellationTokenSource(Bound);
        await _process.WaitForExitAsync(bound.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
            _line.Signal();
        }
    }
}
