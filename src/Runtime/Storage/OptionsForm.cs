using System;
using System.Text.Json;

namespace GenScheduler;

/// <summary>
/// The stored form of a job's <see cref="JobOptions"/>: JSON text with one member per option, written with
/// <see cref="Utf8JsonWriter"/> and read with <see cref="JsonDocument"/> (no serializer, so Native AOT safe), for example
/// <c>{"misfireGraceTicks":10000000,"coalesce":true,"maxInstances":1,"jitterTicks":0,"timeoutTicks":null,"runOnStart":false,"executor":"ThreadPool"}</c>.
/// </summary>
/// <remarks>
/// <para>
/// Canonical like <see cref="TriggerForm"/>: every option is written, always in the order of <see cref="Fields"/>, so equal
/// options give the same text byte for byte and the form can serve as part of a job's fingerprint. Durations are ticks;
/// <c>null</c> is written for the optional ones (no grace limit, no timeout); enums are written by name, so reordering an
/// enum's members cannot change what a stored row means.
/// </para>
/// <para>
/// Reading is forward compatible: members this version does not know are ignored (a newer version may have added an
/// option, and a row it wrote should still load here), and missing ones take <see cref="JobOptions"/>' defaults.
/// </para>
/// </remarks>
internal static class OptionsForm
{
    /// <summary>
    /// Every option, in the order the form lists them: one line each, so a new option of <see cref="JobOptions"/> is one
    /// more line here. Appending keeps existing forms' prefixes, but every job's fingerprint changes once either way.
    /// </summary>
    private static readonly Field[] Fields =
    [
        Field.NullableTicks("misfireGraceTicks", static o => o.MisfireGraceTime, static (o, v) => o with { MisfireGraceTime = v }),
        Field.Boolean("coalesce", static o => o.Coalesce, static (o, v) => o with { Coalesce = v }),
        Field.Int32("maxInstances", static o => o.MaxInstances, static (o, v) => o with { MaxInstances = v }),
        Field.Ticks("jitterTicks", static o => o.Jitter, static (o, v) => o with { Jitter = v }),
        Field.NullableTicks("timeoutTicks", static o => o.Timeout, static (o, v) => o with { Timeout = v }),
        Field.Boolean("runOnStart", static o => o.RunOnStart, static (o, v) => o with { RunOnStart = v }),
        Field.Enum<JobExecutor>("executor", static o => o.Executor, static (o, v) => o with { Executor = v }),
        Field.Enum<RunDelivery>("delivery", static o => o.Delivery, static (o, v) => o with { Delivery = v }),
    ];

    /// <summary>Writes the stored form of <paramref name="options"/>.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The stored form.</returns>
    /// <exception cref="ArgumentException">An enum option holds a value that is not one of its members, so it has no name to store.</exception>
    public static string Format(JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return StorageJson.Write(options, static (writer, o) =>
        {
            writer.WriteStartObject();
            foreach (var field in Fields)
            {
                field.Write(writer, o);
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>Reads options back from their stored form and validates them as a job's options are validated when it is added.</summary>
    /// <param name="form">A form written by <see cref="Format"/> (or by a newer version).</param>
    /// <param name="jobId">The job the options belong to, for messages.</param>
    /// <returns>The options.</returns>
    /// <exception cref="FormatException">
    /// The form is not a JSON object, a known member has the wrong type, or the options are invalid; the message names
    /// the job and quotes the form.
    /// </exception>
    public static JobOptions Parse(string form, string jobId)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(jobId);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(form, StorageJson.DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Stored options {StorageJson.Quote(form)} of job \"{jobId}\" cannot be read as JSON: {e.Message}", e);
        }

        JobOptions options = JobOptions.Default;
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException(
                    $"Stored options {StorageJson.Quote(form)} of job \"{jobId}\" are malformed: they must be an object, not {StorageJson.Describe(root)}.");
            }

            foreach (var field in Fields)
            {
                if (root.TryGetProperty(field.Name, out var value))
                {
                    options = field.Read(options, value) ?? throw new FormatException(
                        $"Stored options {StorageJson.Quote(form)} of job \"{jobId}\" are malformed: \"{field.Name}\" must be {field.Expected}, not {StorageJson.Describe(value)}.");
                }
            }
        }

        try
        {
            options.Validate(jobId);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"Stored options {StorageJson.Quote(form)} of job \"{jobId}\" are invalid: {e.Message}", e);
        }

        return options;
    }

    /// <summary>
    /// One option: its member name, how to write it, and how to read it into a copy of the options. Built only through
    /// the typed factories, so each option's line in <see cref="Fields"/> says its name, its type and its property.
    /// </summary>
    private sealed class Field(string name, string expected, Action<Utf8JsonWriter, JobOptions> write, Func<JobOptions, JsonElement, JobOptions?> read)
    {
        /// <summary>The member name in the form.</summary>
        public string Name { get; } = name;

        /// <summary>What the member must hold, for the message when it holds something else.</summary>
        public string Expected { get; } = expected;

        /// <summary>Writes the member.</summary>
        public void Write(Utf8JsonWriter writer, JobOptions options) => write(writer, options);

        /// <summary>The options with this member read into them, or <see langword="null"/> when the value has the wrong type.</summary>
        public JobOptions? Read(JobOptions options, JsonElement value) => read(options, value);

        public static Field Boolean(string name, Func<JobOptions, bool> get, Func<JobOptions, bool, JobOptions> set) =>
            new(name, "true or false",
                (w, o) => w.WriteBoolean(name, get(o)),
                (o, e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False ? set(o, e.GetBoolean()) : null);

        public static Field Int32(string name, Func<JobOptions, int> get, Func<JobOptions, int, JobOptions> set) =>
            new(name, "a whole number",
                (w, o) => w.WriteNumber(name, get(o)),
                (o, e) => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v) ? set(o, v) : null);

        public static Field Ticks(string name, Func<JobOptions, TimeSpan> get, Func<JobOptions, TimeSpan, JobOptions> set) =>
            new(name, "a whole number of ticks",
                (w, o) => w.WriteNumber(name, get(o).Ticks),
                (o, e) => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) ? set(o, TimeSpan.FromTicks(v)) : null);

        /// <summary>An optional duration: JSON <c>null</c> is <see langword="null"/> (no limit), not a missing member.</summary>
        public static Field NullableTicks(string name, Func<JobOptions, TimeSpan?> get, Func<JobOptions, TimeSpan?, JobOptions> set) =>
            new(name, "a whole number of ticks or null",
                (w, o) =>
                {
                    if (get(o) is { } value)
                    {
                        w.WriteNumber(name, value.Ticks);
                    }
                    else
                    {
                        w.WriteNull(name);
                    }
                },
                (o, e) => e.ValueKind switch
                {
                    JsonValueKind.Null => set(o, null),
                    JsonValueKind.Number when e.TryGetInt64(out long v) => set(o, TimeSpan.FromTicks(v)),
                    _ => null,
                });

        /// <summary>
        /// An enum, by member name. Reading takes exactly a member's name: not a number, not another casing, not a
        /// combination, which <see cref="System.Enum.TryParse{TEnum}(string, bool, out TEnum)"/> alone would let through.
        /// </summary>
        public static Field Enum<TEnum>(string name, Func<JobOptions, TEnum> get, Func<JobOptions, TEnum, JobOptions> set)
            where TEnum : struct, System.Enum =>
            new(name, $"one of {string.Join(", ", System.Enum.GetNames<TEnum>())} (as a string)",
                (w, o) =>
                {
                    TEnum value = get(o);
                    w.WriteString(name, System.Enum.GetName(value) ?? throw new ArgumentException(
                        $"The option \"{name}\" is {value}, which is not a {typeof(TEnum).Name}, so it has no name to store.", "options"));
                },
                (o, e) => e.ValueKind == JsonValueKind.String
                    && e.GetString() is { } text
                    && System.Enum.TryParse(text, ignoreCase: false, out TEnum value)
                    && System.Enum.GetName(value) == text
                        ? set(o, value)
                        : null);
    }
}
