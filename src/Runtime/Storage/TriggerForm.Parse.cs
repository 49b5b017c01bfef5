using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GenScheduler;

/// <summary>Reading stored forms back into triggers.</summary>
internal static partial class TriggerForm
{
    /// <summary>
    /// Rebuilds the trigger a stored form describes, through the trigger's public constructor, so a form that was
    /// edited by hand, or written by a version with other rules, passes the same validation as a trigger made in code.
    /// </summary>
    /// <param name="form">A form written by <see cref="Format"/>.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="FormatException">
    /// The form is not JSON, is not shaped like a trigger, names an unknown kind, or describes a trigger its constructor
    /// refuses (a time zone this machine does not know included). The message quotes the form; the inner exception is
    /// the underlying failure, when there is one.
    /// </exception>
    public static JobTrigger Parse(string form)
    {
        ArgumentNullException.ThrowIfNull(form);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(form, StorageJson.DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Stored trigger {StorageJson.Quote(form)} cannot be read as JSON: {e.Message}", e);
        }

        using (document)
        {
            return Read(form, document.RootElement, "");
        }
    }

    /// <summary>Reads one trigger; <paramref name="path"/> says where it sits inside the form (empty at the top), for messages.</summary>
    private static JobTrigger Read(string form, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(form, path, $"a trigger must be an object with one property naming its kind, not {StorageJson.Describe(element)}");
        }

        JsonProperty kind = default;
        int count = 0;
        foreach (var property in element.EnumerateObject())
        {
            kind = property;
            count++;
        }

        if (count != 1)
        {
            throw Malformed(form, path, $"a trigger must have exactly one property naming its kind (interval, cron, date or any), not {count}");
        }

        string at = Join(path, kind.Name);
        return kind.Name switch
        {
            "interval" => ReadInterval(form, kind.Value, at),
            "cron" => ReadCron(form, kind.Value, at),
            "date" => ReadDate(form, kind.Value, at),
            "any" => ReadAny(form, kind.Value, at),
            _ => throw new FormatException(
                $"Stored trigger {StorageJson.Quote(form)} has the unknown kind \"{kind.Name}\"{At(path)}: this version reads interval, cron, date and any (was it stored by a newer version?)."),
        };
    }

    private static IntervalTrigger ReadInterval(string form, JsonElement value, string at)
    {
        CheckMembers(form, value, at, "ticks", "start", "end");
        long ticks = RequiredInt64(form, value, at, "ticks");
        var start = OptionalInstant(form, value, at, "start");
        var end = OptionalInstant(form, value, at, "end");
        return Build(form, at, () => new IntervalTrigger(TimeSpan.FromTicks(ticks), start, end));
    }

    private static CronTrigger ReadCron(string form, JsonElement value, string at)
    {
        CheckMembers(form, value, at, "expression", "seconds", "zone", "start", "end");
        string expression = RequiredString(form, value, at, "expression");
        bool seconds = RequiredBoolean(form, value, at, "seconds");
        string? zone = OptionalString(form, value, at, "zone");
        var start = OptionalInstant(form, value, at, "start");
        var end = OptionalInstant(form, value, at, "end");
        try
        {
            return Build(form, at, () => new CronTrigger(expression, seconds, zone, start, end));
        }
        catch (TimeZoneNotFoundException e)
        {
            // Time-zone data differs between machines (a slim container image may have none), so say so plainly.
            throw new FormatException(
                $"Stored trigger {StorageJson.Quote(form)} names the time zone \"{zone}\"{At(at)}, which this machine does not know: {e.Message}", e);
        }
    }

    private static DateTrigger ReadDate(string form, JsonElement value, string at) =>
        new(ReadInstant(form, value, at));

    private static AnyTrigger ReadAny(string form, JsonElement value, string at)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(form, at, $"\"any\" must be an array of triggers, not {StorageJson.Describe(value)}");
        }

        var triggers = new List<JobTrigger>(value.GetArrayLength());
        foreach (var element in value.EnumerateArray())
        {
            triggers.Add(Read(form, element, $"{at}[{triggers.Count}]"));
        }

        return Build(form, at, () => new AnyTrigger([.. triggers]));
    }

    /// <summary>
    /// Refuses members this version does not know. Unlike options, a trigger member a newer version added would change
    /// when the job fires, so ignoring it would run the job on a schedule nobody wrote.
    /// </summary>
    private static void CheckMembers(string form, JsonElement value, string at, params ReadOnlySpan<string> known)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(form, at, $"must be an object, not {StorageJson.Describe(value)}");
        }

        foreach (var property in value.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw Malformed(form, at, $"unknown member \"{property.Name}\"; this version reads {string.Join(", ", known.ToArray())}");
            }
        }
    }

    private static JsonElement Required(string form, JsonElement value, string at, string name) =>
        value.TryGetProperty(name, out var member) ? member : throw Malformed(form, at, $"lacks \"{name}\"");

    private static long RequiredInt64(string form, JsonElement value, string at, string name)
    {
        var member = Required(form, value, at, name);
        return member.ValueKind == JsonValueKind.Number && member.TryGetInt64(out long number)
            ? number
            : throw Malformed(form, at, $"\"{name}\" must be a whole number, not {StorageJson.Describe(member)}");
    }

    private static bool RequiredBoolean(string form, JsonElement value, string at, string name)
    {
        var member = Required(form, value, at, name);
        return member.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? member.GetBoolean()
            : throw Malformed(form, at, $"\"{name}\" must be true or false, not {StorageJson.Describe(member)}");
    }

    private static string RequiredString(string form, JsonElement value, string at, string name)
    {
        var member = Required(form, value, at, name);
        return member.ValueKind == JsonValueKind.String
            ? member.GetString()!
            : throw Malformed(form, at, $"\"{name}\" must be a string, not {StorageJson.Describe(member)}");
    }

    /// <summary>An optional string; JSON <c>null</c> reads as absent, the same as a missing member.</summary>
    private static string? OptionalString(string form, JsonElement value, string at, string name)
    {
        if (!value.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return member.ValueKind == JsonValueKind.String
            ? member.GetString()
            : throw Malformed(form, at, $"\"{name}\" must be a string, not {StorageJson.Describe(member)}");
    }

    private static DateTimeOffset? OptionalInstant(string form, JsonElement value, string at, string name)
    {
        if (!value.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return ReadInstant(form, member, Join(at, name));
    }

    private static DateTimeOffset ReadInstant(string form, JsonElement value, string at) =>
        value.ValueKind == JsonValueKind.String && StorageJson.TryParseInstant(value.GetString()!, out var instant)
            ? instant
            : throw Malformed(form, at, $"an instant must be a string in round-trip form such as \"2026-01-01T00:00:00.0000000+01:00\", not {StorageJson.Describe(value)}");

    /// <summary>Runs a trigger's constructor and turns its refusal into a <see cref="FormatException"/> that quotes the form.</summary>
    private static T Build<T>(string form, string at, Func<T> construct)
        where T : JobTrigger
    {
        try
        {
            return construct();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new FormatException($"Stored trigger {StorageJson.Quote(form)} is invalid{At(at)}: {e.Message}", e);
        }
    }

    private static FormatException Malformed(string form, string at, string what) =>
        new($"Stored trigger {StorageJson.Quote(form)} is malformed{At(at)}: {what}.");

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string At(string path) => path.Length == 0 ? "" : $" at {path}";
}
