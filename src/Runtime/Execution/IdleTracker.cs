using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler;

/// <summary>
/// Counts work in progress (runs in flight, a firing-loop cycle, a wake-up not yet handled) and tells waiters when
/// the count is back to zero. The count is lock-free; only a waiter and the work that ends last take the lock.
/// </summary>
/// <remarks>
/// A tracker may count as one piece of work in a <c>parent</c> that tracks more: it enters the parent when its count
/// leaves zero and exits it when the count is back, so a run in a storm touches one counter, not two. The parent
/// cannot go below zero: the exit that brings a count to zero is of work entered after the entry that left zero.
/// </remarks>
internal sealed class IdleTracker
{
    private readonly Lock _lock = new();
    private readonly IdleTracker? _parent;
    private int _pending;
    private TaskCompletionSource? _idle;

    /// <param name="parent">A tracker this one counts in as one piece of work while its own count is above zero.</param>
    public IdleTracker(IdleTracker? parent = null) => _parent = parent;

    public int Pending => Volatile.Read(ref _pending);

    public void Enter()
    {
        if (Interlocked.Increment(ref _pending) == 1)
        {
            _parent?.Enter();
        }
    }

    public void Exit() => Exit(1);

    /// <summary>Ends <paramref name="count"/> pieces of work at once.</summary>
    public void Exit(int count)
    {
        if (Interlocked.Add(ref _pending, -count) != 0)
        {
            return;
        }

        SignalIdle();
        _parent?.Exit();
    }

    private void SignalIdle()
    {
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
