using GenScheduler.Generator.Describe;
using GenScheduler.Generator.Tests.Infrastructure;

namespace GenScheduler.Generator.Tests;

/// <summary>Schedules in words, as the job table's doc comments say them.</summary>
public class DescriberTests
{
    [Theory]
    [InlineData("* * * * * *", "every second")]
    [InlineData("*/5 * * * * *", "every 5 seconds")]
    [InlineData("* * * * *", "every minute")]
    [InlineData("0 */5 * * * *", "every 5 minutes")]
    [InlineData("15 */5 * * * *", "every 5 minutes at second 15")]
    [InlineData("0,30 * * * * *", "every minute at seconds 0 and 30")]
    [InlineData("0 * * * *", "every hour")]
    [InlineData("30 * * * *", "every hour at minute 30")]
    [InlineData("0,15,30,45 * * * *", "every hour at minutes 0, 15, 30 and 45")]
    [InlineData("10-20 * * * *", "every minute from minute 10 through 20 of every hour")]
    [InlineData("0 */2 * * *", "every 2 hours")]
    [InlineData("30 */6 * * *", "every 6 hours at minute 30")]
    [InlineData("0 9 * * *", "at 09:00 every day")]
    [InlineData("0 9 * * 1-5", "at 09:00 on Monday through Friday")]
    [InlineData("0 9 * * MON,WED,FRI", "at 09:00 on Monday, Wednesday and Friday")]
    [InlineData("0 10 * * 0,6", "at 10:00 on Sunday and Saturday")]
    [InlineData("0 10 * * 7", "at 10:00 on Sunday")]
    [InlineData("30 0 12 * * *", "at 12:00:30 every day")]
    [InlineData("0 9,17 * * *", "at 09:00 and 17:00 every day")]
    [InlineData("0 0 1 * *", "at 00:00 on day 1 of every month")]
    [InlineData("0 0 1,15 * *", "at 00:00 on days 1 and 15 of every month")]
    [InlineData("0 0 L * *", "at 00:00 on the last day of every month")]
    [InlineData("0 0 1 1 *", "at 00:00 on day 1 of January")]
    [InlineData("0 0 1 JAN,JUL *", "at 00:00 on day 1 of January and July")]
    [InlineData("0 12 * 6-8 *", "at 12:00 every day in June through August")]
    [InlineData("*/15 9-17 * * 1-5", "every 15 minutes from 09:00 through 17:59 on Monday through Friday")]
    [InlineData("* 9 * * *", "every minute from 09:00 through 09:59")]
    [InlineData("30 9-17 * * *", "every hour from 09:30 through 17:30")]
    [InlineData("@hourly", "every hour")]
    [InlineData("@daily", "at 00:00 every day")]
    [InlineData("@weekly", "at 00:00 on Sunday")]
    [InlineData("@every_second", "every second")]
    public void Common_cron_shapes_are_put_in_words(string expression, string expected) =>
        Assert.Equal(expected, CronDescriber.Describe(expression));

    [Theory]
    [InlineData("0 0 */7 * * *")]
    [InlineData("*/7 * * * *")]
    [InlineData("0 0 ? * 1#2")]
    [InlineData("0 0 1 * 1")]
    [InlineData("0 0 1-31/2 * *")]
    [InlineData("0 0 LW * *")]
    [InlineData("0,1,2 0,1 0,1 * * *")]
    public void Irregular_cron_shapes_are_not_guessed_at(string expression) =>
        Assert.Null(CronDescriber.Describe(expression));

    [Fact]
    public void A_schedule_repeated_by_identical_attributes_is_said_once()
    {
        var compilation = GeneratorHarness.Compile("""
            public static class Jobs
            {
                [Interval(Seconds = 10)]
                [Cron("0 9 * * *")]
                [Interval(Seconds = 10)]
                public static void Tick() { }
            }
            """);

        Assert.Equal("every 10 seconds, or at 09:00 every day", JobDescriber.DescribeSchedule(Extractions.Of(compilation, "Jobs", "Tick").Job!));
    }

    [Theory]
    [InlineData("W. Europe Standard Time", "at 09:00 every day (W. Europe Standard Time)")]
    [InlineData("Tokyo Standard Time", "at 09:00 every day (Tokyo Standard Time)")]
    [InlineData("Europe/Berlin", "at 09:00 every day (Europe/Berlin time)")]
    [InlineData("UTC", "at 09:00 every day (UTC time)")]
    public void A_time_zone_is_named_once_whether_IANA_or_Windows(string zone, string expected)
    {
        var compilation = GeneratorHarness.Compile($$"""
            public static class Jobs
            {
                [Cron("0 9 * * *", TimeZone = "{{zone}}")]
                public static void Tick() { }
            }
            """);

        Assert.Equal(expected, JobDescriber.DescribeSchedule(Extractions.Of(compilation, "Jobs", "Tick").Job!));
    }

    [Theory]
    [InlineData(30_000_000, "every 3 seconds")]
    [InlineData(10_000_000, "every second")]
    [InlineData(900_000_000, "every 1 minute and 30 seconds")]
    [InlineData(864_000_000_000, "every day")]
    [InlineData(36_000_000_000, "every hour")]
    [InlineData(5_000_000, "every 500 milliseconds")]
    [InlineData(936_000_000_000 + 2_500_000, "every 1 day, 2 hours and 250 milliseconds")]
    public void Intervals_are_put_in_words(long ticks, string expected) =>
        Assert.Equal(expected, IntervalDescriber.Describe(ticks));
}
