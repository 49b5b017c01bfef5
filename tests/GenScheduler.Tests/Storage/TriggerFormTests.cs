using System;
using System.Collections.Generic;
using System.Linq;

namespace GenScheduler.Tests.Storage;

public class TriggerFormTests
{
    private static readonly DateTimeOffset Origin = new(2026, 3, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset End = new(2026, 12, 31, 18, 30, 0, TimeSpan.FromHours(-5));

    // Instants around the daylight-saving changes of Europe (29 March, 25 October 2026) and the US (8 March, 1 November 2026),
    // before the window, inside it and after it, with odd ticks.
    private static readonly DateTimeOffset[] Samples =
    [
        new(2025, 12, 31, 22, 59, 59, TimeSpan.Zero),
        new(2026, 3, 8, 6, 59, 0, TimeSpan.Zero),
        new(2026, 3, 29, 0, 30, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 6, 15, 8, 7, 6, TimeSpan.FromHours(2)).AddTicks(1234567),
        new(2026, 10, 25, 0, 30, 0, TimeSpan.Zero),
        new(2026, 11, 1, 5, 30, 0, TimeSpan.Zero),
        new(2027, 2, 1, 0, 0, 0, TimeSpan.Zero),
    ];

    // Built on demand, so "the same trigger built again" is a second instance from the same arguments.
    private static readonly Dictionary<string, Func<JobTrigger>> Cases = new()
    {
        ["interval"] = () => new IntervalTrigger(TimeSpan.FromSeconds(3)),
        ["interval of odd ticks"] = () => new IntervalTrigger(TimeSpan.FromTicks(12_345_678_901)),
        ["interval with start"] = () => new IntervalTrigger(TimeSpan.FromMinutes(90), Start),
        ["interval with end"] = () => new IntervalTrigger(TimeSpan.FromHours(7), end: End),
        ["interval with window"] = () => new IntervalTrigger(TimeSpan.FromDays(2), Start, End),
        ["cron in UTC"] = () => new CronTrigger("0 */5 * * *", includeSeconds: false),
        ["cron macro"] = () => new CronTrigger("@hourly", includeSeconds: false),
        ["cron in Berlin"] = () => new CronTrigger("30 2 * * *", includeSeconds: false, "Europe/Berlin"),
        ["cron in New York with window"] = () => new CronTrigger("0 9 * * MON-FRI", false, "America/New_York", Start, End),
        ["six-field cron"] = () => new CronTrigger("*/10 30 1-3 * * *", includeSeconds: true, "Asia/Kolkata"),
        ["six-field cron with start"] = () => new CronTrigger("15 0 12 * * SUN", includeSeconds: true, start: Start),
        ["date"] = () => new DateTrigger(new DateTimeOffset(2026, 6, 1, 12, 30, 15, TimeSpan.FromHours(2)).AddTicks(5_000_001)),
        ["any"] = () => new AnyTrigger(new IntervalTrigger(TimeSpan.FromHours(5)), new CronTrigger("0 12 * * *", false, "Europe/Berlin")),
        ["nested any"] = () => new AnyTrigger(
            new AnyTrigger(new DateTrigger(Origin.AddDays(3)), new CronTrigger("0 0 1 * *", false, "America/New_York")),
            new IntervalTrigger(TimeSpan.FromMinutes(45), Start, End),
            new AnyTrigger(new AnyTrigger(new CronTrigger("*/30 * * * * *", true)))),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_round_tripped_trigger_fires_when_the_original_does(string name)
    {
        var original = Cases[name]();

        var copy = TriggerForm.Parse(TriggerForm.Format(original));

        Assert.Equal(original.GetType(), copy.GetType());
        Assert.Equal(original.ToString(), copy.ToString());
        Assert.Equal(Fires(original), Fires(copy));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_form_is_canonical(string name)
    {
        var trigger = Cases[name]();
        string form = TriggerForm.Format(trigger);

        Assert.Equal(form, TriggerForm.Format(trigger));
        Assert.Equal(form, TriggerForm.Format(Cases[name]()));
        Assert.Equal(form, TriggerForm.Format(TriggerForm.Parse(form)));
        Assert.True(TriggerForm.TryFormat(trigger, out string? tried));
        Assert.Equal(form, tried);
    }

    [Fact]
    public void Interval_form_keeps_ticks_and_offsets_and_leaves_out_what_is_absent()
    {
        Assert.Equal("""{"interval":{"ticks":30000000}}""", TriggerForm.Format(new IntervalTrigger(TimeSpan.FromSeconds(3))));
        Assert.Equal(
            """{"interval":{"ticks":30000000,"start":"2026-01-01T00:00:00.0000000+01:00","end":"2026-12-31T18:30:00.0000000-05:00"}}""",
            TriggerForm.Format(new IntervalTrigger(TimeSpan.FromSeconds(3), Start, End)));

        var copy = (IntervalTrigger)TriggerForm.Parse("""{"interval":{"ticks":30000000,"start":"2026-01-01T00:00:00.0000000+01:00"}}""");
        Assert.Equal(TimeSpan.FromHours(1), copy.Start!.Value.Offset);
        Assert.Equal(Start, copy.Start);
        Assert.Null(copy.End);
    }

    [Fact]
    public void Cron_form_names_the_zone_unless_it_is_UTC()
    {
        Assert.Equal("""{"cron":{"expression":"0 */5 * * *","seconds":false}}""", TriggerForm.Format(new CronTrigger("0 */5 * * *", false)));
        Assert.Equal("""{"cron":{"expression":"0 */5 * * *","seconds":false}}""", TriggerForm.Format(new CronTrigger("0 */5 * * *", false, "UTC")));
        Assert.Equal(
            """{"cron":{"expression":"0 */5 * * *","seconds":false,"zone":"Europe/Berlin","start":"2026-01-01T00:00:00.0000000+01:00"}}""",
            TriggerForm.Format(new CronTrigger("0 */5 * * *", false, "Europe/Berlin", Start)));

        var copy = (CronTrigger)TriggerForm.Parse("""{"cron":{"expression":"*/5 * * * * *","seconds":true,"zone":"America/New_York"}}""");
        Assert.Equal("*/5 * * * * *", copy.Expression);
        Assert.True(copy.IncludeSeconds);
        Assert.Equal("America/New_York", copy.TimeZone.Id);
    }

    [Fact]
    public void Date_and_any_forms_nest_trigger_forms()
    {
        var at = new DateTimeOffset(2026, 6, 1, 12, 30, 15, TimeSpan.FromHours(2));
        Assert.Equal("""{"date":"2026-06-01T12:30:15.0000000+02:00"}""", TriggerForm.Format(new DateTrigger(at)));
        Assert.Equal(
            """{"any":[{"date":"2026-06-01T12:30:15.0000000+02:00"},{"any":[{"interval":{"ticks":10000000}}]}]}""",
            TriggerForm.Format(new AnyTrigger(new DateTrigger(at), new AnyTrigger(new IntervalTrigger(TimeSpan.FromSeconds(1))))));
    }

    [Fact]
    public void A_trigger_of_the_users_own_type_has_no_form()
    {
        Assert.False(TriggerForm.TryFormat(new EveryMinute(), out string? form));
        Assert.Null(form);

        var error = Assert.Throws<ArgumentException>(() => TriggerForm.Format(new EveryMinute()));
        Assert.Contains(typeof(EveryMinute).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("only the built-in triggers (interval, cron, date, and any of them)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_any_of_that_contains_the_users_own_trigger_has_no_form()
    {
        var trigger = new AnyTrigger(new IntervalTrigger(TimeSpan.FromSeconds(1)), new AnyTrigger(new EveryMinute()));

        Assert.False(TriggerForm.TryFormat(trigger, out _));
        var error = Assert.Throws<ArgumentException>(() => TriggerForm.Format(trigger));
        Assert.Contains(nameof(EveryMinute), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(AnyTrigger), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trigger_of_a_job_without_a_schedule_has_no_form()
    {
        Assert.False(TriggerForm.TryFormat(UnscheduledTrigger.Instance, out _));
        var error = Assert.Throws<ArgumentException>(() => TriggerForm.Format(UnscheduledTrigger.Instance));
        Assert.Contains("without a schedule", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "cannot be read as JSON")]
    [InlineData("", "cannot be read as JSON")]
    [InlineData("""{"interval":{"ticks":10}} and more""", "cannot be read as JSON")]
    [InlineData("""{"interval":{"ticks":10,"ticks":20}}""", "cannot be read as JSON")]
    [InlineData("null", "must be an object")]
    [InlineData("[1]", "must be an object")]
    [InlineData("{}", "exactly one property")]
    [InlineData("""{"interval":{"ticks":10},"date":"2026-01-01T00:00:00.0000000+00:00"}""", "exactly one property")]
    [InlineData("""{"weekly":{"day":1}}""", "unknown kind \"weekly\"")]
    [InlineData("""{"Interval":{"ticks":10}}""", "unknown kind \"Interval\"")]
    [InlineData("""{"interval":{"ticks":0}}""", "is invalid at interval: An interval must be positive")]
    [InlineData("""{"interval":{"ticks":-30000000}}""", "An interval must be positive")]
    [InlineData("""{"interval":{}}""", "lacks \"ticks\"")]
    [InlineData("""{"interval":{"ticks":"30000000"}}""", "\"ticks\" must be a whole number, not a string \"30000000\"")]
    [InlineData("""{"interval":{"ticks":1.5}}""", "\"ticks\" must be a whole number")]
    [InlineData("""{"interval":{"ticks":10,"every":3}}""", "unknown member \"every\"")]
    [InlineData("""{"interval":30000000}""", "must be an object, not a number")]
    [InlineData("""{"interval":{"ticks":10,"start":"yesterday"}}""", "at interval.start: an instant must be a string in round-trip form")]
    [InlineData("""{"interval":{"ticks":10,"start":"2026-02-01T00:00:00.0000000+00:00","end":"2026-01-01T00:00:00.0000000+00:00"}}""", "before its start")]
    [InlineData("""{"cron":{"expression":"61 * * * *","seconds":false}}""", "does not parse")]
    [InlineData("""{"cron":{"expression":"0 0 30 2 *","seconds":false}}""", "never fires")]
    [InlineData("""{"cron":{"expression":"0 * * * *","seconds":"no"}}""", "\"seconds\" must be true or false")]
    [InlineData("""{"cron":{"expression":5,"seconds":false}}""", "\"expression\" must be a string")]
    [InlineData("""{"cron":{"expression":"0 * * * *"}}""", "lacks \"seconds\"")]
    [InlineData("""{"cron":{"expression":"0 * * * *","seconds":false,"zone":7}}""", "\"zone\" must be a string")]
    [InlineData("""{"date":1767225600}""", "an instant must be a string")]
    [InlineData("""{"date":"2026-01-01"}""", "an instant must be a string")]
    [InlineData("""{"any":[]}""", "needs at least one trigger")]
    [InlineData("""{"any":{"interval":{"ticks":10}}}""", "\"any\" must be an array of triggers")]
    [InlineData("""{"any":[{"interval":{"ticks":10}},{"interval":{"ticks":0}}]}""", "is invalid at any[1].interval")]
    [InlineData("""{"any":[{"any":[{"hourly":true}]}]}""", "unknown kind \"hourly\" at any[0].any[0]")]
    public void A_bad_form_is_refused_with_a_message_that_quotes_it(string form, string what)
    {
        var error = Assert.Throws<FormatException>(() => TriggerForm.Parse(form));

        Assert.Contains($"Stored trigger {form} ", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_form_carries_the_constructors_refusal()
    {
        var error = Assert.Throws<FormatException>(() => TriggerForm.Parse("""{"interval":{"ticks":0}}"""));

        Assert.StartsWith("""Stored trigger {"interval":{"ticks":0}} is invalid at interval: An interval must be positive""", error.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
    }

    [Fact]
    public void A_form_that_is_not_JSON_carries_the_readers_error()
    {
        var error = Assert.Throws<FormatException>(() => TriggerForm.Parse("{\"interval\":"));

        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Fact]
    public void A_time_zone_this_machine_does_not_know_is_named()
    {
        const string form = """{"cron":{"expression":"0 * * * *","seconds":false,"zone":"Mars/Olympus_Mons"}}""";

        var error = Assert.Throws<FormatException>(() => TriggerForm.Parse(form));

        Assert.Contains(form, error.Message, StringComparison.Ordinal);
        Assert.Contains("time zone \"Mars/Olympus_Mons\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not know", error.Message, StringComparison.Ordinal);
        Assert.IsType<TimeZoneNotFoundException>(error.InnerException);
    }

    [Fact]
    public void A_long_form_is_quoted_in_part()
    {
        string form = """{"any":[""" + string.Join(",", Enumerable.Repeat("""{"interval":{"ticks":10}}""", 40)) + """,{"interval":{"ticks":0}}]}""";

        var error = Assert.Throws<FormatException>(() => TriggerForm.Parse(form));

        Assert.Contains(form[..200] + "…", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(form, error.Message, StringComparison.Ordinal);
        Assert.Contains($"({form.Length} characters)", error.Message, StringComparison.Ordinal);
        Assert.Contains("any[40].interval", error.Message, StringComparison.Ordinal);
    }

    /// <summary>What a scheduler would ask of the trigger: the first fire, and a chain of next fires from each sample instant.</summary>
    private static List<DateTimeOffset?> Fires(JobTrigger trigger)
    {
        var fires = new List<DateTimeOffset?>();
        foreach (var sample in Samples)
        {
            fires.Add(trigger.GetFirstFireTime(sample, Origin));
            DateTimeOffset? next = sample;
            for (int i = 0; i < 6 && next is { } after; i++)
            {
                next = trigger.GetNextFireTime(after, Origin);
                fires.Add(next);
            }
        }

        return fires;
    }

    private sealed class EveryMinute : JobTrigger
    {
        public override DateTimeOffset? GetNextFireTime(DateTimeOffset after, DateTimeOffset origin) => after.AddMinutes(1);

        public override string ToString() => "every minute";
    }
}
