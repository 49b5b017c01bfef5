using System;
using System.Globalization;

namespace GenScheduler.Generator.Model;

/// <summary>
/// An instant as the user wrote it: the clock time and the offset, kept apart so the generated literal and the doc
/// comment show the offset as written (<c>10:00 +01:00</c>, not <c>09:00 UTC</c>).
/// </summary>
/// <param name="ClockTicks">The clock time's ticks (<see cref="DateTime.Ticks"/> of <see cref="DateTimeOffset.DateTime"/>).</param>
/// <param name="OffsetMinutes">The offset from UTC in minutes.</param>
internal sealed record InstantModel(long ClockTicks, int OffsetMinutes)
{
    /// <summary>The instant as a <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset Value => new(ClockTicks, TimeSpan.FromMinutes(OffsetMinutes));

    /// <summary>The instant in UTC ticks, for comparisons.</summary>
    public long UtcTicks => Value.UtcTicks;

    /// <summary>Creates the model of <paramref name="value"/>.</summary>
    public static InstantModel From(DateTimeOffset value) => new(value.DateTime.Ticks, (int)(value.Offset.Ticks / TimeSpan.TicksPerMinute));

    /// <summary>
    /// The instant for people: <c>2026-12-01 09:00:00 UTC</c>, <c>2026-12-01 10:00:00 +01:00</c>, with a fraction of a
    /// second only when there is one.
    /// </summary>
    public override string ToString()
    {
        DateTime clock = new(ClockTicks);
        string text = clock.ToString(clock.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        if (OffsetMinutes == 0)
        {
            return text + " UTC";
        }

        int minutes = Math.Abs(OffsetMinutes);
        return text + string.Format(CultureInfo.InvariantCulture, " {0}{1:00}:{2:00}", OffsetMinutes < 0 ? "-" : "+", minutes / 60, minutes % 60);
    }
}
