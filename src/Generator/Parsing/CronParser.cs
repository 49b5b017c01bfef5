using System;
using System.Runtime.CompilerServices;
using Cronos;
using GenScheduler.Generator.Model;

namespace GenScheduler.Generator.Parsing;

/// <summary>What <see cref="CronParser.Parse"/> found.</summary>
/// <param name="Expression">The expression, trimmed.</param>
/// <param name="IncludeSeconds">Whether it has a seconds field.</param>
/// <param name="Error">What is wrong, or <see langword="null"/> when it parses.</param>
/// <param name="Detail">For <see cref="JobProblemKind.WrongCronFieldCount"/> the field count; for
/// <see cref="JobProblemKind.InvalidCronExpression"/> Cronos's message; otherwise empty.</param>
internal sealed record CronParseResult(string Expression, bool IncludeSeconds, JobProblemKind? Error, string Detail)
{
    /// <summary>Whether the expression parses.</summary>
    public bool IsValid => Error is null;
}

/// <summary>
/// Parses cron text at compile time with Cronos, the library the runtime uses, and tells five fields from six.
/// </summary>
internal static class CronParser
{
    /// <summary>The macro that needs the seconds format: it fires every second.</summary>
    public const string EverySecondMacro = "@every_second";

    /// <summary>
    /// Trims <paramref name="expression"/> and parses it. A macro (starting with <c>@</c>) parses in either format in
    /// Cronos; <c>@every_second</c> is marked as including seconds, the others not. Otherwise five whitespace-separated
    /// fields parse as <see cref="CronFormat.Standard"/> and six as <see cref="CronFormat.IncludeSeconds"/>.
    /// </summary>
    /// <param name="expression">The attribute's expression; may be <see langword="null"/>.</param>
    /// <returns>The result; never throws.</returns>
    public static CronParseResult Parse(string? expression)
    {
        string text = expression?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return new CronParseResult(text, false, JobProblemKind.EmptyCronExpression, string.Empty);
        }

        bool includeSeconds;
        if (text[0] == '@')
        {
            includeSeconds = string.Equals(text, EverySecondMacro, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            int fields = CountFields(text);
            if (fields != 5 && fields != 6)
            {
                return new CronParseResult(text, false, JobProblemKind.WrongCronFieldCount, fields.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            includeSeconds = fields == 6;
        }

        string? error = Validate(text, includeSeconds);
        return error is null
            ? new CronParseResult(text, includeSeconds, null, string.Empty)
            : new CronParseResult(text, includeSeconds, JobProblemKind.InvalidCronExpression, error);
    }

    /// <summary>Counts the whitespace-separated fields of <paramref name="text"/>.</summary>
    public static int CountFields(string text)
    {
        int count = 0;
        bool inField = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inField = false;
            }
            else if (!inField)
            {
                inField = true;
                count++;
            }
        }

        return count;
    }

    /// <summary>Cronos's complaint about the expression, or <see langword="null"/> when it parses.</summary>
    private static string? Validate(string text, bool includeSeconds)
    {
        try
        {
            return ValidateWithCronos(text, includeSeconds);
        }
        catch (Exception e) when (e is System.IO.FileNotFoundException or System.IO.FileLoadException or TypeLoadException)
        {
            // Cronos did not load beside the generator: accept the text; the runtime parses it again at start-up.
            return null;
        }
    }

    // Kept apart so that a missing Cronos.dll fails at this call, inside the catch above, not when Parse is compiled.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string? ValidateWithCronos(string text, bool includeSeconds)
    {
        try
        {
            CronExpression.Parse(text, includeSeconds ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return null;
        }
        catch (CronFormatException e)
        {
            return e.Message;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
