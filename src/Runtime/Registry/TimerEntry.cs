using System.Runtime.CompilerServices;

namespace GenScheduler;

/// <summary>
/// One job slot on the schedule: its due instant in UTC ticks. Entries are ordered by due instant, ties by slot number,
/// so jobs due together run in table order whichever structure of the <see cref="TimerQueue"/> holds them.
/// </summary>
internal readonly record struct TimerEntry(long Due, int Slot)
{
    /// <summary>Whether <paramref name="a"/> comes before <paramref name="b"/>.</summary>
    public static bool Less(TimerEntry a, TimerEntry b) => a.Due < b.Due || (a.Due == b.Due && a.Slot < b.Slot);

    /// <summary>
    /// <see cref="Less"/> without short-circuits, so that it compiles to flag arithmetic rather than branches: for a
    /// choice a predictor cannot learn (see <see cref="TimerHeap.SiftDown"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessWithoutBranches(TimerEntry a, TimerEntry b) => (a.Due < b.Due) | ((a.Due == b.Due) & (a.Slot < b.Slot));
}
