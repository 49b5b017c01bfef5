using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler;

/// <summary>
/// Counts work in progress (runs in flight, a firing-loop cycle, a wake-up not yet handled) and tells waiters when
/// the count is back to zero. The count is lock-free; only a waiter and the work that ends last take the lock.
/// </summary>
internal sealed class IdleTracker
{
    private readonly Lock _lock = new();
    private int _pending;
    private TaskCompletionSource? _idle;

    public int Pending => Volatile.Read(ref _pending);

    public void Enter() => Interlocked.Increment(ref _pending);

    public void Exit()
    {
        if (Interlocked.Decrement(ref _pending) != 0)
        {
            return;
        }

        TaskCompletionSource? idle;
        lock (_lock)
        {
            // Looked at again under the lock: new work may have begun since the count touched zero.
            if (Volatile.Read(ref _pending) != 0 || _idle is null)
            {
                return;
            }

            idle = _idle;
            _idle = null;
        }

        idle.TrySetResult();
    }

    /// <summary>Completes when nothing is pending. A waiter that looks while work is in progress is told when it ends.</summary>
    public Task WhenIdle()
    {
        lock (_lock)
        {
            if (Volatile.Read(ref _pending) == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }
}
