using System;
using System.Collections.Generic;
using System.Linq;

namespace GenScheduler;

/// <summary>
/// Fires at the earliest time of any of its triggers: what several schedule attributes on one method mean.
/// Two triggers that agree on an instant fire once.
/// </summary>
public sealed class AnyTrigger : JobTrigger
{
    private readonly JobTrigger[] _triggers;

    /// <summary>Creates a trigger that fires whenever any of <paramref name="triggers"/> does.</summary>
    /// <param name="triggers">At least one trigger, none of them <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">There is no trigger, or one is <see langword="null"/>.</exception>
    public AnyTrigger(params JobTrigger[] triggers)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        if (triggers.Length == 0)
        {
            throw new ArgumentException("AnyTrigger needs at least one trigger.", nameof(triggers));
        }

        for (int i = 0; i < triggers.Length; i++)
        {
            if (triggers[i] is null)
            {
                throw new ArgumentException($"AnyTrigger's trigger {i} (of {triggers.Length}) is null; pass only triggers.", nameof(triggers));
            }
        }

        _triggers = (JobTrigger[])triggers.Clone();
    }

    /// <summary>The triggers combined.</summary>
    public IReadOnlyList<JobTrigger> Triggers => _triggers;

    /// <inheritdoc />
    public override DateTimeOffset? GetNextFireTime(DateTimeOffset after, DateTimeOffset origin)
    {
        DateTimeOffset? earliest = null;
        foreach (var trigger in _triggers)
        {
            if (trigger.GetNextFireTime(after, origin) is { } next && (earliest is null || next < earliest))
            {
                earliest = next;
            }
        }

        return earliest;
    }

    /// <inheritdoc />
    public override string ToString() => $"or[{string.Join(", ", _triggers.Select(t => t.ToString()))}]";
}
