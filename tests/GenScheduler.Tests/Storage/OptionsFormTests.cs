using System;

namespace GenScheduler.Tests.Storage;

public class OptionsFormTests
{
    private const string DefaultForm =
        """{"misfireGraceTicks":10000000,"coalesce":true,"maxInstances":1,"jitterTicks":0,"timeoutTicks":null,"runOnStart":false,"executor":"ThreadPool","delivery":"AtMostOnce"}""";

    private static JobOptions Unusual() => new()
    {
        MisfireGraceTime = TimeSpan.FromMilliseconds(2500),
        Coalesce = false,
        MaxInstances = 4,
        Jitter = TimeSpan.FromTicks(2_500_001),
        Timeout = TimeSpan.FromMinutes(5),
        RunOnStart = true,
        Executor = JobExecutor.DedicatedThread,
        Delivery = RunDelivery.AtLeastOnce,
    };

    [Fact]
    public void Default_options_have_the_documented_form_and_come_back_equal()
    {
        Assert.Equal(DefaultForm, OptionsForm.Format(JobOptions.Default));
        Assert.Equal(DefaultForm, OptionsForm.Format(new JobOptions()));
        Assert.Equal(JobOptions.Default, OptionsForm.Parse(DefaultForm, "Jobs.Report"));
    }

    [Fact]
    public void Every_option_set_otherwise_comes_back_equal()
    {
        string form = OptionsForm.Format(Unusual());

        Assert.Equal(
            """{"misfireGraceTicks":25000000,"coalesce":false,"maxInstances":4,"jitterTicks":2500001,"timeoutTicks":3000000000,"runOnStart":true,"executor":"DedicatedThread","delivery":"AtLeastOnce"}""",
            form);
        Assert.Equal(Unusual(), OptionsForm.Parse(form, "Jobs.Report"));
    }

    [Fact]
    public void The_form_is_canonical()
    {
        string form = OptionsForm.Format(Unusual());

        Assert.Equal(form, OptionsForm.Format(Unusual()));
        Assert.Equal(form, OptionsForm.Format(OptionsForm.Parse(form, "Jobs.Report")));
        Assert.Equal(DefaultForm, OptionsForm.Format(OptionsForm.Parse("{}", "Jobs.Report")));
    }

    [Fact]
    public void No_grace_limit_is_written_as_null_and_read_back_as_none()
    {
        var options = JobOptions.Default with { MisfireGraceTime = null };

        string form = OptionsForm.Format(options);

        Assert.StartsWith("""{"misfireGraceTicks":null,""", form, StringComparison.Ordinal);
        Assert.Null(OptionsForm.Parse(form, "Jobs.Report").MisfireGraceTime);
        Assert.Equal(options, OptionsForm.Parse(form, "Jobs.Report"));
    }

    [Fact]
    public void The_shortest_grace_is_not_confused_with_none()
    {
        var options = JobOptions.Default with { MisfireGraceTime = TimeSpan.FromTicks(1) };

        Assert.Equal(TimeSpan.FromTicks(1), OptionsForm.Parse(OptionsForm.Format(options), "Jobs.Report").MisfireGraceTime);
    }

    [Fact]
    public void Members_a_newer_version_added_are_ignored()
    {
        var options = OptionsForm.Parse(
            """{"maxInstances":3,"deliveryPolicy":"AtLeastOnce","future":{"nested":[1,2,{"deep":null}]},"coalesce":false}""", "Jobs.Report");

        Assert.Equal(JobOptions.Default with { MaxInstances = 3, Coalesce = false }, options);
    }

    [Fact]
    public void Missing_members_take_the_defaults()
    {
        Assert.Equal(JobOptions.Default, OptionsForm.Parse("{}", "Jobs.Report"));
        Assert.Equal(JobOptions.Default with { RunOnStart = true }, OptionsForm.Parse("""{"runOnStart":true}""", "Jobs.Report"));
    }

    [Fact]
    public void Invalid_max_instances_are_refused_naming_the_job()
    {
        const string form = """{"maxInstances":0}""";

        var error = Assert.Throws<FormatException>(() => OptionsForm.Parse(form, "Jobs.Report"));

        Assert.Contains("\"Jobs.Report\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(form, error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxInstances is 0", error.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
    }

    [Theory]
    [InlineData("""{"jitterTicks":-1}""", "Jitter is")]
    [InlineData("""{"timeoutTicks":0}""", "Timeout is")]
    [InlineData("""{"misfireGraceTicks":-10000000}""", "MisfireGraceTime is")]
    public void Other_invalid_options_are_refused(string form, string what)
    {
        var error = Assert.Throws<FormatException>(() => OptionsForm.Parse(form, "Jobs.Report"));

        Assert.Contains($"Stored options {form} of job \"Jobs.Report\" are invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "cannot be read as JSON")]
    [InlineData("""{"maxInstances":2,"maxInstances":3}""", "cannot be read as JSON")]
    [InlineData("[]", "must be an object, not an array")]
    [InlineData("null", "must be an object, not null")]
    [InlineData("""{"coalesce":"yes"}""", "\"coalesce\" must be true or false, not a string \"yes\"")]
    [InlineData("""{"maxInstances":1.5}""", "\"maxInstances\" must be a whole number")]
    [InlineData("""{"maxInstances":3000000000}""", "\"maxInstances\" must be a whole number")]
    [InlineData("""{"jitterTicks":null}""", "\"jitterTicks\" must be a whole number of ticks")]
    [InlineData("""{"timeoutTicks":"soon"}""", "\"timeoutTicks\" must be a whole number of ticks or null")]
    [InlineData("""{"executor":"Fiber"}""", "\"executor\" must be one of ThreadPool, DedicatedThread")]
    [InlineData("""{"executor":"threadpool"}""", "\"executor\" must be one of")]
    [InlineData("""{"executor":"1"}""", "\"executor\" must be one of")]
    [InlineData("""{"executor":"ThreadPool, DedicatedThread"}""", "\"executor\" must be one of")]
    [InlineData("""{"executor":1}""", "\"executor\" must be one of")]
    public void A_malformed_form_is_refused_naming_the_job_and_quoting_the_form(string form, string what)
    {
        var error = Assert.Throws<FormatException>(() => OptionsForm.Parse(form, "Jobs.Report"));

        Assert.Contains($"Stored options {form} of job \"Jobs.Report\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_executor_that_is_not_a_member_has_no_form()
    {
        var error = Assert.Throws<ArgumentException>(() => OptionsForm.Format(JobOptions.Default with { Executor = (JobExecutor)7 }));

        Assert.Contains("executor", error.Message, StringComparison.Ordinal);
    }
}
