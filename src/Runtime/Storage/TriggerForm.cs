using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace GenScheduler;

/// <summary>
/// The stored form of a trigger: JSON text a job store keeps in a column and turns back into the same trigger.
/// Written by hand with <see cref="Utf8JsonWriter"/> and read with <see cref="JsonDocument"/>, never through the
/// serializer, so it needs no reflection and stays Native AOT safe.
/// </summary>
/// <remarks>
/// <para>
/// The shapes: <c>{"interval":{"ticks":…,"start":…,"end":…}}</c>, <c>{"cron":{"expression":…,"seconds":…,"zone":…,"start":…,"end":…}}</c>,
/// <c>{"date":…}</c> and <c>{"any":[…]}</c>; optional members are left out when absent, the zone when it is UTC, and instants
/// are in round-trip ("O") form with their offset.
/// </para>
/// <para>
/// The form is canonical: one trigger, or an equal one built again from the same arguments, always gives the same text,
/// byte for byte, because the scheduler compares forms to tell whether the schedule in code has changed since the store
/// last saw it. Members are therefore written in one fixed order, with one fixed escaping, and nothing else.
/// </para>
/// </remarks>
internal static partial class TriggerForm
{
    /// <summary>Writes a trigger's stored form, if it is one the store can rebuild.</summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="form">The stored form; <see langword="null"/> when this returns <see langword="false"/>.</param>
    /// <returns>
    /// <see langword="false"/> for a trigger that cannot be stored: a user's own <see cref="JobTrigger"/> subclass (its
    /// state is unknown to us), an <see cref="AnyTrigger"/> that contains one, or the trigger of a job without a schedule.
    /// </returns>
    public static bool TryFormat(JobTrigger trigger, [MaybeNullWhen(false)] out string form)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (FindUnstorable(trigger) is not null)
        {
            form = null;
            return false;
        }

        form = StorageJson.Write(trigger, static (writer, t) => Write(writer, t));
        return true;
    }

    /// <summary>Writes a trigger's stored form.</summary>
    /// <param name="trigger">A built-in trigger: interval, cron, date, or any of them.</param>
    /// <returns>The stored form.</returns>
    /// <exception cref="ArgumentException">The trigger, or one inside it, is not a built-in trigger.</exception>
    public static string Format(JobTrigger trigger)
    {
        if (TryFormat(trigger, out string? form))
        {
            return form;
        }

        JobTrigger unstorable = FindUnstorable(trigger)!;
        string where = ReferenceEquals(unstorable, trigger) ? "" : $" (inside the {trigger.GetType().Name} {trigger})";
        string why = unstorable is UnscheduledTrigger
            ? "a job without a schedule has no trigger to store"
            : "only the built-in triggers (interval, cron, date, and any of them) can be stored";
        throw new ArgumentException(
            $"A trigger of type {unstorable.GetType().FullName} ({unstorable}){where} cannot be stored: {why}.", nameof(trigger));
    }

    /// <summary>
    /// The first trigger in <paramref name="trigger"/> (itself included) that has no stored form, or <see langword="null"/>.
    /// Checked before writing so that a refusal never leaves half a form behind.
    /// </summary>
    private static JobTrigger? FindUnstorable(JobTrigger trigger)
    {
        switch (trigger)
        {
            case IntervalTrigger or CronTrigger or DateTrigger:
                return null;
            case AnyTrigger any:
                foreach (var inner in any.Triggers)
                {
                    if (FindUnstorable(inner) is { } unstorable)
                    {
                        return unstorable;
                    }
                }

                return null;
            default:
                return trigger;
        }
    }

    /// <summary>Writes one trigger as an object with a single property naming its kind; the order of members is part of the canonical form.</summary>
    private static void Write(Utf8JsonWriter writer, JobTrigger trigger)
    {
        writer.WriteStartObject();
        switch (trigger)
        {
            case IntervalTrigger interval:
                writer.WriteStartObject("interval");
                writer.WriteNumber("ticks", interval.Interval.Ticks);
                WriteWindow(writer, interval.Start, interval.End);
                writer.WriteEndObject();
                break;

            case CronTrigger cron:
                writer.WriteStartObject("cron");
                writer.WriteString("expression", cron.Expression);
                writer.WriteBoolean("seconds", cron.IncludeSeconds);

                // UTC is what a missing zone means, so the form for a UTC trigger is the same however it was made.
                // The same test as CronTrigger.ToString, so a zone that prints survives the round trip.
                if (!ReferenceEquals(cron.TimeZone, TimeZoneInfo.Utc))
                {
                    writer.WriteString("zone", cron.TimeZone.Id);
                }

                WriteWindow(writer, cron.Start, cron.End);
                writer.WriteEndObject();
                break;

            case DateTrigger date:
                writer.WriteString("date", StorageJson.Instant(date.RunAt));
                break;

            case AnyTrigger any:
                writer.WriteStartArray("any");
                foreach (var inner in any.Triggers)
                {
                    Write(writer, inner);
                }

                writer.WriteEndArray();
                break;

            default:
                // FindUnstorable has already refused everything else.
                throw new InvalidOperationException($"No stored form for {trigger.GetType().FullName}.");
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes the optional start and end, leaving out the ones that are absent.</summary>
    private static void WriteWindow(Utf8JsonWriter writer, DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is { } s)
        {
            writer.WriteString("start", StorageJson.Instant(s));
        }

        if (end is { } e)
        {
            writer.WriteString("end", StorageJson.Instant(e));
        }
    }
}
