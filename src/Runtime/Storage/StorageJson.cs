using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GenScheduler;

/// <summary>
/// What <see cref="TriggerForm"/> and <see cref="OptionsForm"/> share: one way to write JSON text, one way to read it,
/// one way to print instants and to quote a form in an error. Kept in one place because the forms are fingerprints:
/// two writers that differed in a single escape would make the same schedule look changed.
/// </summary>
internal static class StorageJson
{
    /// <summary>How much of a form an error message quotes: enough to recognise it, not a whole column dumped into a log.</summary>
    private const int QuoteLimit = 200;

    /// <summary>
    /// The default encoder escapes <c>+</c> (as <c>\u002B</c>), which would turn every offset into noise; the relaxed one
    /// writes it as is. The text goes into a database column, never into HTML, so the HTML-safe escapes buy nothing.
    /// </summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A duplicate property is refused rather than resolved silently one way or the other.</summary>
    internal static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Writes one JSON value and returns it as text; the state parameter lets callers pass static lambdas.</summary>
    /// <typeparam name="TState">What the writer needs.</typeparam>
    /// <param name="state">Passed to <paramref name="write"/>.</param>
    /// <param name="write">Writes exactly one JSON value.</param>
    /// <returns>The JSON text.</returns>
    public static string Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, state);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An instant in round-trip ("O") form: every tick and the offset survive, so the form names the instant exactly as given.</summary>
    /// <param name="value">The instant.</param>
    /// <returns>For example <c>2026-01-01T00:00:00.0000000+01:00</c>.</returns>
    public static string Instant(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Reads an instant written by <see cref="Instant"/>; only that exact shape, so a hand-edited "tomorrow" is refused, not guessed at.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The instant read.</param>
    /// <returns>Whether the text was an instant in round-trip form.</returns>
    public static bool TryParseInstant(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>The form as an error message quotes it: whole when short, its first <see cref="QuoteLimit"/> characters otherwise.</summary>
    /// <param name="form">The stored form.</param>
    /// <returns>The quotation.</returns>
    public static string Quote(string form)
    {
        if (form.Length <= QuoteLimit)
        {
            return form;
        }

        // Never cut a surrogate pair in half: the message would carry an invalid character into the log.
        int length = char.IsHighSurrogate(form[QuoteLimit - 1]) ? QuoteLimit - 1 : QuoteLimit;
        return $"{form[..length]}… ({form.Length} characters)";
    }

    /// <summary>A JSON value as an error message names it, kind and text: <c>a string "30"</c>, so the reader sees what was there.</summary>
    /// <param name="value">The value found.</param>
    /// <returns>The description.</returns>
    public static string Describe(JsonElement value)
    {
        string kind = value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Null => "null",
            _ => "nothing",
        };

        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return kind;
        }

        string text = value.GetRawText();
        if (text.Length <= 40)
        {
            return $"{kind} {text}";
        }

        int length = char.IsHighSurrogate(text[39]) ? 39 : 40;
        return $"{kind} {text[..length]}…";
    }
}
