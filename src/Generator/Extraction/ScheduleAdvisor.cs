using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using GenScheduler.Generator.Describe;
using GenScheduler.Generator.Model;
using GenScheduler.Generator.TimeZones;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Extraction;

/// <summary>
/// The analyzer's extra checks: things that do not keep a job out of the table but that the user should hear about
/// (time-zone ids, daylight-saving changes, intervals the timer cannot keep, repeated attributes, instants in the past),
/// and <c>[Job]</c> beside a schedule attribute, an error whose method the table still holds as the scheduled job.
/// </summary>
internal static class ScheduleAdvisor
{
    /// <summary>
    /// The shortest interval the scheduler can rely on everywhere: Windows' default timer tick is 15.625 ms, so a shorter
    /// interval there is late or coalesced on most runs.
    /// </summary>
    public const long ShortestReliableIntervalTicks = 16 * TimeSpan.TicksPerMillisecond;

    /// <summary>Adds the advice for the method's schedule attributes.</summary>
    /// <param name="attributes">The schedule attributes.</param>
    /// <param name="triggers">The trigger read from each attribute, or <see langword="null"/> where it had a problem.</param>
    /// <param name="problems">Where advice goes.</param>
    /// <param name="now">The present, for instants in the past and the next daylight-saving days.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public static void Advise(
        ImmutableArray<AttributeData> attributes, TriggerModel?[] triggers, List<JobProblem> problems, DateTimeOffset now, CancellationToken cancellationToken)
    {
        bool hasSchedule = ScheduleAttributes.HasSchedule(attributes);
        for (int i = 0; i < attributes.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AttributeData attribute = attributes[i];
            if (hasSchedule && ScheduleAttributes.KindOf(attribute.AttributeClass) == ScheduleKind.Job)
            {
                problems.Add(JobProblem.ForAttribute(JobProblemKind.JobWithSchedule, i));
            }
            if (triggers[i] is IntervalTriggerModel interval && interval.Ticks < ShortestReliableIntervalTicks)
            {
                string? unit = AttributeArguments.SingleIntervalUnit(attribute);
                string[] values = { IntervalDescriber.Describe(interval.Ticks).Substring("every ".Length), "16 milliseconds" };
                problems.Add(unit is null
                    ? JobProblem.ForAttribute(JobProblemKind.ShortInterval, i, values)
                    : JobProblem.ForArgument(JobProblemKind.ShortInterval, i, unit, values));
            }

            if (ScheduleAttributes.KindOf(attribute.AttributeClass) == ScheduleKind.Cron
                && AttributeArguments.ReadString(attribute, "TimeZone") is { } zoneId)
            {
                AdviseTimeZone(zoneId, i, triggers[i] as CronTriggerModel, problems, now);
            }

            AdvisePast(triggers[i], i, problems, now);
            if (triggers[i] is CronTriggerModel cronTrigger && BothDaysRestricted(cronTrigger) is { } days)
            {
                problems.Add(JobProblem.ForArgument(JobProblemKind.DayOfMonthAndWeek, i, JobProblem.ConstructorArgument, days.DayOfMonth, days.DayOfWeek));
            }

            for (int j = 0; j < i; j++)
            {
                if (SameAttribute(attributes[j], attribute))
                {
                    problems.Add(JobProblem.ForAttribute(JobProblemKind.DuplicateAttribute, i, (j + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                }
            }
        }
    }

    /// <summary>
    /// The day-of-month and day-of-week fields when both are restricted (neither <c>*</c> nor <c>?</c>): Cronos then fires
    /// on days that match both, where Vixie cron fires on days that match either, so the reader may expect another schedule.
    /// </summary>
    private static (string DayOfMonth, string DayOfWeek)? BothDaysRestricted(CronTriggerModel cron)
    {
        string[] fields = cron.Expression.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        int first = cron.IncludeSeconds ? 1 : 0;
        if (fields.Length != first + 5)
        {
            // A macro such as @daily restricts at most one of them.
            return null;
        }

        string dayOfMonth = fields[first + 2], dayOfWeek = fields[first + 4];
        return IsRestricted(dayOfMonth) && IsRestricted(dayOfWeek) ? (dayOfMonth, dayOfWeek) : null;

        static bool IsRestricted(string field) => field != "*" && field != "?";
    }

    /// <summary>An <c>[At]</c> instant or an <c>End</c> before <paramref name="now"/>: that schedule never fires.</summary>
    private static void AdvisePast(TriggerModel? trigger, int index, List<JobProblem> problems, DateTimeOffset now)
    {
        InstantModel? end = trigger switch
        {
            IntervalTriggerModel interval => interval.End,
            CronTriggerModel cron => cron.End,
            _ => null,
        };
        if (trigger is DateTriggerModel date && date.Instant.UtcTicks < now.UtcTicks)
        {
            problems.Add(JobProblem.ForArgument(JobProblemKind.PastInstant, index, JobProblem.ConstructorArgument, "The instant", date.Instant.ToString()));
        }
        else if (end is not null && end.UtcTicks < now.UtcTicks)
        {
            problems.Add(JobProblem.ForArgument(JobProblemKind.PastInstant, index, "End", "End", end.ToString()));
        }
    }

    private static void AdviseTimeZone(string zoneId, int index, CronTriggerModel? cron, List<JobProblem> problems, DateTimeOffset now)
    {
        bool known = TimeZoneIds.TryFind(zoneId, out TimeZoneInfo zone);
        if (!WindowsTimeZones.IsKnownIanaId(zoneId) && WindowsTimeZones.TryGetIanaId(zoneId, out string iana))
        {
            problems.Add(JobProblem.ForArgument(JobProblemKind.WindowsTimeZone, index, "TimeZone", zoneId, iana));
            if (!known)
            {
                known = TimeZoneIds.TryFind(iana, out zone);
            }
        }
        else if (!known && !WindowsTimeZones.IsKnownIanaId(zoneId))
        {
            problems.Add(JobProblem.ForArgument(JobProblemKind.UnknownTimeZone, index, "TimeZone", zoneId));
            return;
        }

        if (known && cron is not null)
        {
            foreach (DaylightSavingNote note in DaylightSaving.Check(cron.Expression, cron.IncludeSeconds, zone, now.UtcDateTime))
            {
                problems.Add(JobProblem.ForArgument(note.Kind, index, JobProblem.ConstructorArgument, note.Times, zoneId, note.Consequence));
            }
        }
    }

    /// <summary>Whether two attributes are the same class with the same arguments (named ones in any order).</summary>
    private static bool SameAttribute(AttributeData a, AttributeData b)
    {
        if (!SymbolEqualityComparer.Default.Equals(a.AttributeClass, b.AttributeClass)
            || a.ConstructorArguments.Length != b.ConstructorArguments.Length
            || a.NamedArguments.Length != b.NamedArguments.Length)
        {
            return false;
        }

        for (int i = 0; i < a.ConstructorArguments.Length; i++)
        {
            if (!a.ConstructorArguments[i].Equals(b.ConstructorArguments[i]))
            {
                return false;
            }
        }

        foreach (KeyValuePair<string, TypedConstant> named in a.NamedArguments)
        {
            if (!AttributeArguments.TryGetNamed(b, named.Key, out TypedConstant other) || !named.Value.Equals(other))
            {
                return false;
            }
        }

        return true;
    }
}
