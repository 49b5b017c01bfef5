using System;
using System.Globalization;
using GenScheduler.Generator.Model;

namespace GenScheduler.Generator.Parsing;

/// <summary>
/// Parses the instants of <c>Start</c>, <c>End</c> and <c>[At]</c>: ISO-8601 with an offset or <c>Z</c>, such as
/// <c>2026-12-01T09:00:00Z</c> or <c>2026-12-01T10:00:00.5+01:00</c>. Seconds and the fraction are optional.
/// </summary>
internal static class InstantParser
{
    /// <summary>The form instants take, for messages.</summary>
    public const string ExpectedForm = "an ISO-8601 date and time with an offset, such as 2026-12-01T09:00:00Z or 2026-12-01T10:00:00+01:00";

    private static readonly string[] WithOffset = { "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mmzzz" };

    private static readonly string[] Utc = { "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'z'", "yyyy-MM-dd'T'HH:mm'z'" };

    private static readonly string[] NoOffset = { "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd" };

    /// <summary>Parses <paramref name="text"/>; never throws.</summary>
    /// <param name="text">The attribute's text; may be <see langword="null"/>.</param>
    /// <param name="error">What is wrong, for <see cref="JobProblemKind.InvalidInstant"/>, when the result is <see langword="null"/>.</param>
    /// <returns>The instant, or <see langword="null"/>.</returns>
    public static InstantModel? Parse(string? text, out string error)
    {
        error = string.Empty;
        string trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            error = "it is empty; write " + ExpectedForm;
            return null;
        }

        if (DateTimeOffset.TryParseExact(trimmed, WithOffset, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset value)
            || DateTimeOffset.TryParseExact(trimmed, Utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
        {
            return InstantModel.From(value);
        }

        error = DateTime.TryParseExact(trimmed, NoOffset, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? "it has no offset, so it would mean different instants on different machines; add Z for UTC or an offset such as +01:00"
            : "it does not parse as " + ExpectedForm;
        return null;
    }
}
