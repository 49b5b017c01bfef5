using System.Threading;

namespace GenScheduler;

/// <summary>
/// The idle <see cref="JobRun"/>s, reused so that a fire allocates nothing. Runs are taken under the scheduler's lock
/// (one taker at a time) and returned from any thread when they end, so neither side takes a lock of its own: runs
/// come back on a lock-free stack, which the taker empties into its own in one exchange when its own runs out.
/// </summary>
/// <remarks>
/// A stack pushed by many and emptied whole by one has no ABA hazard: nobody but the taker ever removes a single run.
/// The pool never shrinks; it holds as many runs as were ever in flight at once.
/// </remarks>
internal sealed class RunPool
{
    private readonly RunExecutor _executor;

    // The taker's own runs, read and written only under the scheduler's lock.
    private JobRun? _taken;

    // Runs returned since the taker last looked: pushed by any thread.
    private JobRun? _returned;

    public RunPool(RunExecutor executor) => _executor = executor;

    /// <summary>An idle run, or a new one. Called under the scheduler's lock.</summary>
    public JobRun Take()
    {
        var run = _taken ?? Interlocked.Exchange(ref _returned, null);
        if (run is null)
        {
            return new JobRun(_executor);
        }

        _taken = run.NextIdle;
        run.NextIdle = null;
        return run;
    }

    /// <summary>Gives back a run that has ended, from any thread.</summary>
    public void Return(JobRun run) => Return(run, run);

    /// <summary>Gives back the runs chained from <paramref name="first"/> to <paramref name="last"/> by <see cref="JobRun.NextIdle"/>, from any thread, in one step.</summary>
    public void Return(JobRun first, JobRun last)
    {
        JobRun? head = Volatile.Read(ref _returned);
        while (true)
        {
            last.NextIdle = head;
            var seen = Interlocked.CompareExchange(ref _returned, first, head);
            if (seen == head)
            {
                return;
            }

            head = seen;
        }
    }
}
