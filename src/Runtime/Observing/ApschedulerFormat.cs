using System;
using System.Globalization;

namespace GenScheduler;

/// <summary>Formats durations and instants the way APScheduler prints them, so its users recognise our logs.</summary>
internal static class ApschedulerFormat
{
    /// <summary>Python's <c>str(timedelta)</c>: <c>0:00:03</c>, <c>0:00:02.542515</c>, <c>1 day, 2:00:00</c>.</summary>
    public static string Duration(TimeSpan value)
    {
        string sign = value < TimeSpan.Zero ? "-" : "";
        if (value < TimeSpan.Zero)
        {
            value = value.Duration();
        }

        long microseconds = value.Ticks / TimeSpan.TicksPerMicrosecond % 1_000_000;
        string days = value.Days switch
        {
            0 => "",
            1 => "1 day, ",
            _ => value.Days.ToString(CultureInfo.InvariantCulture) + " days, ",
        };
        string clock = string.Create(CultureInfo.InvariantCulture, $"{value.Hours}:{value.Minutes:00}:{value.Seconds:00}");
        return microseconds == 0
            ? sign + days + clock
            : sign + days + clock + string.Create(CultureInfo.InvariantCulture, $".{microseconds:000000}");
    }

    /// <summary>An instant in a time zone, as APScheduler prints a next run time: <c>2026-11-27 14:06:39 UTC</c>.</summary>
    public static string Instant(DateTimeOffset value, TimeZoneInfo zone)
    {
        if (zone == TimeZoneInfo.Utc)
        {
            return value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
        }

        var local = TimeZoneInfo.ConvertTime(value, zone);
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + zone.Id;
    }
}
