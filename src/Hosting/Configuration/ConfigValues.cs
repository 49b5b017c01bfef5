using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GenScheduler.Hosting;

/// <summary>
/// Reads one configuration value of a type, by hand (no binder, so no reflection and nothing for the trimmer to lose).
/// Each reader either gives the value or adds a problem of one shape, <c>key is "value", which … : rule</c>, so every
/// message names the key, the value and what to write instead.
/// </summary>
internal static partial class ConfigValues
{
    /// <summary>The word that means "no limit" for the settings that allow it.</summary>
    public const string None = "none";

    public static string Problem(string key, string value, string which, string rule) => $"{key} is \"{value}\", which {which}: {rule}";

    /// <summary>
    /// A time span as .NET writes it, <c>[d.]hh:mm[:ss[.fffffff]]</c>. A bare number is refused although
    /// <see cref="TimeSpan.Parse(string)"/> would take it as days: "5" meant as seconds must not become five days.
    /// </summary>
    public static bool TryTimeSpan(string key, string value, List<string> problems, out TimeSpan result)
    {
        if (value.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(value.Trim(), CultureInfo.InvariantCulture, out result))
        {
            return true;
        }

        result = default;
        string rule = Suggest(value) is { } suggestion
            ? $"write it as \"{suggestion}\""
            : "write it as hh:mm:ss or d.hh:mm:ss, such as \"00:05:00\" for five minutes or \"1.00:00:00\" for a day";
        problems.Add(Problem(key, value, "is not a time span", rule));
        return false;
    }

    /// <summary>A time span of at least <paramref name="min"/> (and at most <paramref name="max"/>), or "none" when <paramref name="noneAllowed"/>.</summary>
    public static bool TryTimeSpan(string key, string value, List<string> problems, TimeSpan min, TimeSpan? max, bool noneAllowed, string rule, out TimeSpan? result)
    {
        result = null;
        if (noneAllowed && IsNone(value))
        {
            return true;
        }

        if (!TryTimeSpan(key, value, problems, out var span))
        {
            return false;
        }

        if (span < min || span > max)
        {
            problems.Add(Problem(key, value, span < min ? "is too short" : "is too long", rule));
            return false;
        }

        result = span;
        return true;
    }

    public static bool TryBool(string key, string value, List<string> problems, out bool result)
    {
        if (bool.TryParse(value, out result))
        {
            return true;
        }

        problems.Add(Problem(key, value, "is neither true nor false", "write true or false"));
        return false;
    }

    /// <summary>A whole number of at least <paramref name="min"/>, or "none" (null) when <paramref name="noneAllowed"/>.</summary>
    public static bool TryCount(string key, string value, List<string> problems, int min, bool noneAllowed, out int? result)
    {
        result = null;
        string rule = noneAllowed
            ? $"it must be a whole number of at least {min}, or \"{None}\" for no limit"
            : $"it must be a whole number of at least {min}";
        if (noneAllowed && IsNone(value))
        {
            return true;
        }

        if (!int.TryParse(value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n))
        {
            problems.Add(Problem(key, value, "is not a whole number", rule));
            return false;
        }

        if (n < min)
        {
            problems.Add(Problem(key, value, "is too small", rule));
            return false;
        }

        result = n;
        return true;
    }

    /// <summary>One of <paramref name="names"/>, matched without regard to case (never a number, which an enum parser would take).</summary>
    public static bool TryName(string key, string value, List<string> problems, string what, string[] names, out int index)
    {
        index = Array.FindIndex(names, n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            return true;
        }

        problems.Add(Problem(key, value, $"is not {what}", $"write {string.Join(" or ", names)}"));
        return false;
    }

    public static bool IsNone(string value) => string.Equals(value.Trim(), None, StringComparison.OrdinalIgnoreCase);

    /// <summary>What "5 minutes", "30s" or "1.5 hours" means as a time span, to suggest it; <see langword="null"/> when it means nothing clear.</summary>
    public static string? Suggest(string value)
    {
        var match = Spoken().Match(value);
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount))
        {
            return null;
        }

        string unit = match.Groups[2].Value.ToLowerInvariant();
        double ticks = unit switch
        {
            "ms" or "millisecond" or "milliseconds" => TimeSpan.TicksPerMillisecond,
            _ when unit.StartsWith('s') => TimeSpan.TicksPerSecond,
            _ when unit.StartsWith('m') => TimeSpan.TicksPerMinute,
            _ when unit.StartsWith('h') => TimeSpan.TicksPerHour,
            _ => TimeSpan.TicksPerDay,
        };
        double total = Math.Round(amount * ticks);
        return total is > 0 and < long.MaxValue ? new TimeSpan((long)total).ToString("c", CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Spoken();

    /// <summary>The PostgreSQL store's rule for a schema name, checked here so the message can name the key.</summary>
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    public static partial Regex SchemaName();
}
