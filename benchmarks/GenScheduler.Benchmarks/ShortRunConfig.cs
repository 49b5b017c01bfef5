using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GenScheduler.Benchmarks;

/// <summary>
/// One launch, two warm-up and five measured iterations: enough to see the shape on a small shared machine and keep
/// the whole suite under ten minutes. Memory is always measured. Add <c>--job default</c> or <c>--launchCount 3</c>
/// on the command line for tighter numbers.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new PerJobColumn(bytes: false), new PerJobColumn(bytes: true));
        HideColumns(Column.Job, Column.LaunchCount, Column.WarmupCount, Column.IterationCount, Column.Error, Column.Gen0, Column.Gen1, Column.Gen2);
    }
}

/// <summary>Divides the mean time or the allocated bytes of an operation by the benchmark's <c>N</c> parameter, for benchmarks that do N jobs in one operation.</summary>
internal sealed class PerJobColumn(bool bytes) : IColumn
{
    public string Id => bytes ? "AllocPerJob" : "TimePerJob";

    public string ColumnName => bytes ? "Alloc/job" : "Time/job";

    public bool AlwaysShow => false;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => bytes ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => bytes
        ? "Bytes allocated per operation divided by N (per registered job)"
        : "Mean time per operation divided by N (per registered job)";

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(IsPerJob);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (!IsPerJob(benchmarkCase)
            || benchmarkCase.Parameters["N"] is not int n
            || summary[benchmarkCase] is not { } report)
        {
            return "-";
        }

        if (bytes)
        {
            return report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is { } allocated
                ? (allocated / (double)n).ToString("N1", CultureInfo.InvariantCulture) + " B"
                : "?";
        }

        return report.ResultStatistics is { } stats
            ? (stats.Mean / n).ToString("N1", CultureInfo.InvariantCulture) + " ns"
            : "?";
    }

    public override string ToString() => ColumnName;

    private static bool IsPerJob(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttributes(typeof(PerJobAttribute), false).Length != 0;
}

/// <summary>Marks a benchmark whose one operation handles N jobs, so the per-job columns apply to it.</summary>
[System.AttributeUsage(System.AttributeTargets.Method)]
internal sealed class PerJobAttribute : System.Attribute;
