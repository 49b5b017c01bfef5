using System;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler;

/// <summary>The delegates <c>AddJob</c> takes, as invokers: a direct call each, no reflection.</summary>
internal static class DelegateInvokers
{
    /// <summary>Wraps a synchronous action as an invoker.</summary>
    public static JobInvoker Of(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _ =>
        {
            action();
            return default;
        };
    }

    /// <summary>Wraps an async function as an invoker; its task is awaited, so what it throws is observed and logged.</summary>
    public static JobInvoker Of(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _ => new ValueTask(action());
    }

    /// <summary>Wraps an async function of the run's cancellation token as an invoker.</summary>
    public static JobInvoker Of(Func<CancellationToken, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return context => new ValueTask(action(context.CancellationToken));
    }
}
