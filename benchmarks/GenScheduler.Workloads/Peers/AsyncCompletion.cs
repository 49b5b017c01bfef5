using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace GenScheduler.Workloads;

/// <summary>
/// One job's asynchronous body that allocates nothing: a run records its start, returns a pending
/// <see cref="ValueTask"/> over this reusable source, and completes it from the thread pool. A job has at most one run
/// at a time (the default <see cref="JobOptions.MaxInstances"/>), so one source a job is enough.
/// </summary>
internal sealed class AsyncCompletion : IValueTaskSource, IThreadPoolWorkItem
{
    private ManualResetValueTaskSourceCore<bool> _core;

    public ValueTask Run(JobContext context)
    {
        Probe.Ran(context.ScheduledTime.UtcTicks);
        _core.Reset();
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return new ValueTask(this, _core.Version);
    }

    void IThreadPoolWorkItem.Execute() => _core.SetResult(true);

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
