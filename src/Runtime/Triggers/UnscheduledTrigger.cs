using System;

namespace GenScheduler;

/// <summary>The trigger of a target without a schedule (<see cref="JobAttribute"/>): it never fires by itself.</summary>
internal sealed class UnscheduledTrigger : JobTrigger
{
    public static UnscheduledTrigger Instance { get; } = new();

    private UnscheduledTrigger()
    {
    }

    public override DateTimeOffset? GetNextFireTime(DateTimeOffset after, DateTimeOffset origin) => null;

    public override string ToString() => "unscheduled";
}
