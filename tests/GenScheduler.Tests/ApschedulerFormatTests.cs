using System;

namespace GenScheduler.Tests;

public class ApschedulerFormatTests
{
    [Theory]
    [InlineData(0, "0:00:00")]
    [InlineData(30_000_000, "0:00:03")]
    [InlineData(25_425_150, "0:00:02.542515")]
    [InlineData(36_000_000_000, "1:00:00")]
    [InlineData(864_000_000_000, "1 day, 0:00:00")]
    [InlineData(1_900_800_000_000, "2 days, 4:48:00")]
    public void Durations_print_as_python_timedelta(long ticks, string expected) =>
        Assert.Equal(expected, ApschedulerFormat.Duration(TimeSpan.FromTicks(ticks)));

    [Fact]
    public void Instants_print_in_the_trigger_time_zone()
    {
        var instant = new DateTimeOffset(2026, 11, 27, 14, 6, 39, TimeSpan.Zero);

        Assert.Equal("2026-11-27 14:06:39 UTC", ApschedulerFormat.Instant(instant, TimeZoneInfo.Utc));
        Assert.Equal("2026-11-27 15:06:39 Europe/Berlin",
            ApschedulerFormat.Instant(instant, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
    }
}
