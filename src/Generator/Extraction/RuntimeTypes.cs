using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Extraction;

/// <summary>
/// The types a scheduled method's signature may use, taken from the GenScheduler runtime's own signatures rather than
/// looked up by name, so that a user's type of the same name (a <c>System.Threading.CancellationToken</c> of their own)
/// is never mistaken for them: <c>JobContext</c> and <c>ValueTask</c> from the <c>JobInvoker</c> delegate,
/// <c>CancellationToken</c> from <c>JobContext.CancellationToken</c>, <c>Task</c> from <c>ValueTask.AsTask()</c>.
/// </summary>
internal sealed class RuntimeTypes
{
    private RuntimeTypes(ITypeSymbol jobContext, ITypeSymbol cancellationToken, ITypeSymbol valueTask, ITypeSymbol task)
    {
        JobContext = jobContext;
        CancellationToken = cancellationToken;
        ValueTask = valueTask;
        Task = task;
    }

    /// <summary><c>GenScheduler.JobContext</c>.</summary>
    public ITypeSymbol JobContext { get; }

    /// <summary><c>System.Threading.CancellationToken</c>.</summary>
    public ITypeSymbol CancellationToken { get; }

    /// <summary><c>System.Threading.Tasks.ValueTask</c>.</summary>
    public ITypeSymbol ValueTask { get; }

    /// <summary><c>System.Threading.Tasks.Task</c>.</summary>
    public ITypeSymbol Task { get; }

    /// <summary>
    /// The types of the runtime that declares <paramref name="scheduleAttribute"/>, or <see langword="null"/> when that
    /// assembly is not the GenScheduler runtime (it has no <c>JobInvoker</c> of the expected shape).
    /// </summary>
    public static RuntimeTypes? Of(INamedTypeSymbol? scheduleAttribute)
    {
        if (scheduleAttribute?.ContainingAssembly.GetTypeByMetadataName("GenScheduler.JobInvoker")?.DelegateInvokeMethod is not { Parameters.Length: 1 } invoke)
        {
            return null;
        }

        ITypeSymbol jobContext = invoke.Parameters[0].Type, valueTask = invoke.ReturnType;
        ITypeSymbol? cancellationToken = null, task = null;
        foreach (ISymbol member in jobContext.GetMembers("CancellationToken"))
        {
            cancellationToken = (member as IPropertySymbol)?.Type ?? cancellationToken;
        }

        foreach (ISymbol member in valueTask.GetMembers("AsTask"))
        {
            task = member is IMethodSymbol { Parameters.Length: 0 } asTask ? asTask.ReturnType : task;
        }

        return cancellationToken is null || task is null ? null : new RuntimeTypes(jobContext, cancellationToken, valueTask, task);
    }

    /// <summary>
    /// Whether <paramref name="type"/> is <paramref name="real"/>, or, for a user's type that only has its full name,
    /// the name of the assembly that defines that look-alike.
    /// </summary>
    public static bool Is(ITypeSymbol type, ITypeSymbol real, out string? lookAlikeAssembly)
    {
        lookAlikeAssembly = null;
        if (SymbolEqualityComparer.Default.Equals(type, real))
        {
            return true;
        }

        if (type is INamedTypeSymbol && type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == real.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
        {
            lookAlikeAssembly = type.ContainingAssembly?.Name ?? string.Empty;
        }

        return false;
    }
}
