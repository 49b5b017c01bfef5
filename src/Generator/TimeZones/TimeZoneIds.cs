using System;
using System.Collections.Concurrent;

namespace GenScheduler.Generator.TimeZones;

/// <summary>Looks time zones up on the machine that compiles, once per id.</summary>
internal static class TimeZoneIds
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Cache = new(StringComparer.Ordinal);

    /// <summary>The time zone <paramref name="id"/> as this machine knows it, when it does.</summary>
    public static bool TryFind(string id, out TimeZoneInfo zone)
    {
        TimeZoneInfo? found = Cache.GetOrAdd(id, static key =>
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(key);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException
                or System.Security.SecurityException or NotSupportedException)
            {
                return null;
            }
        });
        zone = found ?? TimeZoneInfo.Utc;
        return found is not null;
    }
}
