using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using GenScheduler.Analyzer.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenScheduler.Analyzer.Tests;

/// <summary>Messages name the method, the offending value and the fix; cron errors say which field, which value, which range.</summary>
public class MessageTests
{
    private static async Task<string> MessageOf(string source) =>
        (await AnalyzerHarness.SingleAsync(source)).GetMessage(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_cron_error_names_the_field_its_value_and_the_allowed_range()
    {
        string message = await MessageOf("""public static class Jobs { [Cron("0 25 * * *")] public static void Nightly() { } }""");

        Assert.Equal(
            "The cron expression of 'Jobs.Nightly' does not parse: \"0 25 * * *\": the Hours field (2nd) is \"25\": value must be a number between 0 and 23 (all inclusive).",
            message);
    }

    [Fact]
    public async Task A_cron_with_the_wrong_field_count_says_how_many_fields_it_needs()
    {
        string message = await MessageOf("""public static class Jobs { [Cron("0 0 12 * * ? 2026")] public static void Noon() { } }""");

        Assert.Equal(
            "The cron expression of 'Jobs.Noon' does not parse: \"0 0 12 * * ? 2026\" has 7 fields; write 5 (minute hour day month weekday) or 6 (second minute hour day month weekday)",
            message);
    }

    [Fact]
    public async Task A_cron_that_never_fires_says_what_to_check()
    {
        string message = await MessageOf("""public static class Jobs { [Cron("0 0 30 2 *")] public static void Leap() { } }""");

        Assert.Equal(
            "The cron expression \"0 0 30 2 *\" of 'Jobs.Leap' never fires; check the day and the month (February has 29 days at most; April, June, September and November have 30)",
            message);
    }

    [Fact]
    public async Task Daylight_saving_notes_say_what_happens_on_those_days()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(AnalyzerHarness.Compile(
            """public static class Jobs { [Cron("30 2 * * *", TimeZone = "Europe/Berlin")] public static void Backup() { } }"""));

        // Running at another hour deserves a warning; running once when the hour repeats is what most people expect.
        Assert.Equal(
            ["GS0016 Warning", "GS0020 Info"],
            diagnostics.Select(d => $"{d.Id} {d.Severity}").Order(System.StringComparer.Ordinal));
        Assert.Equal(
            "Cron schedule of 'Jobs.Backup': on days when clocks fall back in Europe/Berlin, 02:30 happens twice; the job runs once, at the first\n"
            + "Cron schedule of 'Jobs.Backup': on days when clocks spring forward in Europe/Berlin, 02:30 does not exist; the job runs at 03:00 instead",
            string.Join("\n", diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)).Order(System.StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("0 0,30 2 * * *", "02:00 and 02:30 do not exist; the job runs once, at 03:00 instead", "02:00 and 02:30 happen twice; the job runs once for each, at the first")]
    [InlineData("0 30 1-3 * * *", "02:30 does not exist; the job runs at 03:00 instead", "02:30 happens twice; the job runs both times")]
    [InlineData("0 */10 2 * * *", "the 6 runs from 02:00 to 02:50 do not exist; the job runs once, at 03:00 instead", "the 6 runs from 02:00 to 02:50 happen twice; the job runs both times")]
    public async Task Daylight_saving_notes_follow_what_Cronos_does(string expression, string spring, string autumn)
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(AnalyzerHarness.Compile(
            $$"""public static class Jobs { [Cron("{{expression}}", TimeZone = "Europe/Berlin")] public static void Backup() { } }"""));

        string[] messages = diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)).Order(System.StringComparer.Ordinal).ToArray();
        Assert.Equal(2, messages.Length);
        Assert.EndsWith("fall back in Europe/Berlin, " + autumn, messages[0], System.StringComparison.Ordinal);
        Assert.EndsWith("spring forward in Europe/Berlin, " + spring, messages[1], System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interval_without_units_says_which_units_to_set()
    {
        string message = await MessageOf("""public static class Jobs { [Interval] public static void Tick() { } }""");

        Assert.Equal("The interval of 'Jobs.Tick' has no unit set; set Days, Hours, Minutes, Seconds or Milliseconds, such as Seconds = 30", message);
    }

    [Theory]
    [InlineData("Seconds = 0", "(Seconds = 0) is zero; make it positive, such as Seconds = 30")]
    [InlineData("Minutes = 0, Seconds = 0", "(Minutes = 0, Seconds = 0) adds up to zero; make it positive, such as Seconds = 30")]
    [InlineData("Minutes = 1, Seconds = -60", "(Minutes = 1, Seconds = -60) adds up to zero; make it positive, such as Seconds = 30")]
    [InlineData("Minutes = -5", "(Minutes = -5) is negative; make it positive")]
    [InlineData("Minutes = 1, Seconds = -90", "(Minutes = 1, Seconds = -90) adds up to a negative length; make it positive")]
    public async Task An_interval_of_zero_or_less_says_what_was_set_and_what_it_adds_up_to(string units, string expected)
    {
        string message = await MessageOf($$"""public static class Jobs { [Interval({{units}})] public static void Tick() { } }""");

        Assert.Equal("The interval of 'Jobs.Tick' " + expected, message);
    }

    [Fact]
    public async Task A_Windows_time_zone_suggests_its_IANA_id()
    {
        Diagnostic diagnostic = await AnalyzerHarness.SingleAsync(
            """public static class Jobs { [Cron("0 9 * * *", TimeZone = "Tokyo Standard Time")] public static void Tick() { } }""");

        Assert.Equal(
            "The time zone \"Tokyo Standard Time\" of 'Jobs.Tick' is a Windows id; use the IANA id \"Asia/Tokyo\", which every platform knows",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("Asia/Tokyo", diagnostic.Properties["IanaId"]);
    }

    [Fact]
    public async Task An_instant_without_an_offset_says_to_add_one()
    {
        string message = await MessageOf("""public static class Jobs { [At("2026-12-24T18:00:00")] public static void Eve() { } }""");

        Assert.Equal(
            "The instant \"2026-12-24T18:00:00\" of 'Jobs.Eve' is not a valid instant: it has no offset, so it would mean different instants on different machines; add Z for UTC or an offset such as +01:00",
            message);
    }

    [Theory]
    [InlineData("TimeoutSeconds = 1e-9", "TimeoutSeconds is 1E-09, shorter than the 100-nanosecond tick a TimeSpan counts in, so the runtime would see no time at all; use at least 0.0000001 seconds, or 0 for no limit")]
    [InlineData("TimeoutSeconds = 1e12", "TimeoutSeconds is 1000000000000, more than a TimeSpan holds (TimeSpan.MaxValue is about 29,227 years); use a smaller value")]
    [InlineData("JitterSeconds = double.PositiveInfinity", "JitterSeconds is Infinity, more than a TimeSpan holds (TimeSpan.MaxValue is about 29,227 years); use a smaller value")]
    public async Task An_option_the_runtime_would_reject_says_why(string option, string expected)
    {
        string message = await MessageOf($$"""public static class Jobs { [Cron("0 9 * * *", {{option}})] public static void Tick() { } }""");

        Assert.Equal("Invalid job option on 'Jobs.Tick': " + expected, message);
    }

    [Fact]
    public async Task An_instant_in_the_past_says_the_schedule_never_fires()
    {
        Diagnostic diagnostic = await AnalyzerHarness.SingleAsync("""public static class Jobs { [At("2020-01-01T00:00:00Z")] public static void Once() { } }""");

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(
            "The instant 2020-01-01 00:00:00 UTC of 'Jobs.Once' is in the past, so this schedule never fires; move it to the future or remove it",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_analyzer_itself_compares_instants_with_the_clock_of_the_machine_that_compiles()
    {
        CSharpCompilation compilation = AnalyzerHarness.Compile("""
            public static class Jobs
            {
                [At("2000-01-01T00:00:00Z")] public static void Past() { }
                [Interval(Seconds = 1, End = "2999-01-01T00:00:00Z")] public static void Future() { }
            }
            """);

        var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation, analyzer: new Generator.Analyzer.ScheduleAnalyzer());

        Assert.Equal("GS0021", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task A_static_virtual_interface_member_says_how_it_can_be_scheduled()
    {
        string message = await MessageOf("""public interface IJobs { [Interval(Seconds = 1)] static virtual void Tick() { } }""");

        Assert.Equal(
            "'IJobs.Tick' cannot be scheduled: it is a static virtual interface member, which C# calls only through a type parameter; remove 'virtual', or schedule a method of a type that implements the interface",
            message);
    }

    [Fact]
    public async Task An_arglist_says_there_is_nothing_to_pass()
    {
        string message = await MessageOf("""public static class Jobs { [Interval(Seconds = 1)] public static void Tick(__arglist) { } }""");

        Assert.Equal(
            "Scheduled method 'Jobs.Tick' has parameter '__arglist' the scheduler cannot supply: it takes a variable argument list, for which the scheduler has nothing to pass; remove __arglist",
            message);
    }

    [Fact]
    public async Task A_duplicate_id_names_both_methods()
    {
        string message = await MessageOf("""
            public static class Jobs
            {
                [Interval(Seconds = 1, Name = "sync")] public static void Pull() { }
                [Interval(Seconds = 1, Name = "sync")] public static void Push() { }
            }
            """);

        Assert.Equal("The job id \"sync\" of 'Jobs.Push' is already used by 'Jobs.Pull'; give one of them a different Name", message);
    }

    [Fact]
    public async Task An_unreachable_method_in_a_non_partial_type_names_the_type_to_make_partial()
    {
        Diagnostic diagnostic = await AnalyzerHarness.SingleAsync(
            """public class Jobs { [Interval(Seconds = 1)] private static void Tick() { } }""");

        Assert.Contains("make it partial", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Equal("Jobs", diagnostic.Properties["PartialType"]);
    }
}
