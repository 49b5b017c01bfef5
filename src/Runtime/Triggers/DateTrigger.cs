using System;

namespace GenScheduler;

/// <summary>Fires once, at <see cref="RunAt"/>: what <see cref="AtAttribute"/> means.</summary>
public sealed class DateTrigger : JobTrigger
{
    /// <summary>Creates a one-shot trigger.</summary>
    /// <param name="runAt">The instant to run at.</param>
    public DateTrigger(DateTimeOffset runAt) => RunAt = runAt;

    /// <summary>The instant the job runs at.</summary>
    public DateTimeOffset RunAt { get; }

    /// <inheritdoc />
    /// <remarks>Unlike recurring triggers, a one-shot instant already past is still its first fire time, so a late start reports it missed.</remarks>
    public override DateTimeOffset? GetFirstFireTime(DateTimeOffset now, DateTimeOffset origin) => RunAt.ToUniversalTime();

    /// <inheritdoc />
    public override DateTimeOffset? GetNextFireTime(DateTimeOffset after, DateTimeOffset origin) =>
        RunAt > after ? RunAt.ToUniversalTime() : null;

    /// <inheritdoc />
    public override string ToString() => $"date[{ApschedulerFormat.Instant(RunAt, TimeZoneInfo.Utc)}]";
}
