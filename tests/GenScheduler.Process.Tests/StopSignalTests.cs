using System.Threading.Tasks;

namespace GenScheduler.Process.Tests;

/// <summary>
/// Ctrl+C under RunAsync, in a real process: the first stop request waits for the running job, a second cancels it and
/// returns at once (issue 7, item 6).
/// </summary>
public class StopSignalTests
{
    [Fact]
    public async Task The_first_ctrl_c_lets_the_running_job_finish_then_stops()
    {
        using var probe = ProbeProcess.Start("signals");
        probe.WaitFor("job started");

        probe.Signal("INT");

        probe.WaitFor("shutting down");
        probe.WaitFor("job finished");
        Assert.Equal("run returned Stopped", probe.WaitFor("run returned"));
        Assert.Equal(0, await probe.ExitCodeAsync());
        Assert.DoesNotContain("job cancelled", probe.Output, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_ctrl_c_cancels_the_running_job_and_returns_at_once()
    {
        using var probe = ProbeProcess.Start("signals");
        probe.WaitFor("job started");
        probe.Signal("INT");
        probe.WaitFor("shutting down");

        probe.Signal("INT");

        probe.WaitFor("run returned");
        Assert.Equal(0, await probe.ExitCodeAsync());
        Assert.DoesNotContain("job finished", probe.Output, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_stops_it_cleanly_as_a_service_manager_expects()
    {
        using var probe = ProbeProcess.Start("signals");
        probe.WaitFor("job started");

        probe.Signal("TERM");

        probe.WaitFor("job finished");
        Assert.Equal("run returned Stopped", probe.WaitFor("run returned"));
        Assert.Equal(0, await probe.ExitCodeAsync());
    }
}
