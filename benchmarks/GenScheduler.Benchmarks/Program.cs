using System;
using BenchmarkDotNet.Running;

namespace GenScheduler.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>-- --filter '*'</c> runs every benchmark (BenchmarkSwitcher); <c>-- retained [N]</c> prints the bytes a
    /// registered job keeps alive (not a BenchmarkDotNet run; see <see cref="RetainedMemory"/>).
    /// </summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "retained")
        {
            return RetainedMemory.Run(args.AsSpan(1));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
