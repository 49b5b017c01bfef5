using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace GenScheduler;

/// <summary>
/// Asks the processor to bring memory into its cache ahead of use, without waiting for it: for jobs the firing loop
/// knows it will touch soon, which with a million jobs in no particular memory order are each a miss of main memory.
/// </summary>
/// <remarks>
/// The address of a managed location is taken without pinning it: a collection may move the object a moment later, and
/// then the hint is merely wasted. A prefetch never faults, whatever the address, so that is harmless. Where the
/// processor has no such instruction exposed (Arm64 in .NET 10), this does nothing, decided when the method is compiled.
/// </remarks>
internal static class CacheHint
{
    /// <summary>Asks for the cache line holding <paramref name="location"/>, into every level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(ref T location)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
        }
    }

    /// <summary>Whether <see cref="Prefetch"/> does anything here, so callers can skip finding what to prefetch.</summary>
    public static bool IsSupported => Sse.IsSupported;
}
