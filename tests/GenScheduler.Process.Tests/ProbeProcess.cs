using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Process.Tests;

/// <summary>
/// The probe program running as a real child process: its output line by line, waits for a line with a bound, and
/// signals. Killed when disposed, so a failed test leaves no process behind.
/// </summary>
internal sealed class ProbeProcess : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly System.Diagnostics.Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly ConcurrentQueue<string> _all = new();

    private ProbeProcess(System.Diagnostics.Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Receive(e.Data);
        _process.ErrorDataReceived += (_, e) => Receive(e.Data is null ? null : "stderr: " + e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything the probe printed so far.</summary>
    public string Output => string.Join("\n", _all);

    public static ProbeProcess Start(params string[] arguments)
    {
        string probe = typeof(ProbeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProbePath").Value!;
        // Through env --default-signal: a test run started in the background of a non-interactive shell has SIGINT
        // ignored, the probe would inherit that, and .NET keeps an ignored SIGINT ignored; the tests send it on purpose.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--default-signal=INT,TERM");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(probe);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new ProbeProcess(System.Diagnostics.Process.Start(start)!);
    }

    /// <summary>Waits for a line that starts with <paramref name="prefix"/> and returns it; fails after a bound, showing the output.</summary>
    public string WaitFor(string prefix)
    {
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            foreach (string line in _lines.GetConsumingEnumerable(timeout.Token))
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"The probe did not print \"{prefix}\" within {Bound.TotalSeconds} s. It printed:\n{Output}");
    }

    /// <summary>Sends a POSIX signal, as Ctrl+C (INT) or a service manager (TERM) would.</summary>
    public void Signal(string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-s", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -s {signal} failed");
    }

    public async Task<int> ExitCodeAsync()
    {
        using var timeout = new CancellationTokenSource(Bound);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _lines.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            _lines.CompleteAdding();
            return;
        }

        _all.Enqueue(line);
        if (!_lines.IsAddingCompleted)
        {
            _lines.Add(line);
        }
    }
}
