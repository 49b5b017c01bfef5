using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenScheduler.Generator.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GenScheduler.Generator.Tests;

/// <summary>
/// Compiles jobs of disposable classes, loads them and runs their generated invokers: the instance a run makes is
/// disposed when the run ends (asynchronously when it can be), also when the job throws, and before the scope its
/// services came from.
/// </summary>
public class DisposalEndToEndTests
{
    private const string Program = """
        namespace Disposal
        {
            public static class Hooks
            {
                public static Action<string>? On;
            }

            public sealed class Mailer : IDisposable
            {
                private bool _disposed;

                [Interval(Seconds = 1)]
                public void Send() => Hooks.On?.Invoke(_disposed ? "send after dispose" : "send");

                public void Dispose()
                {
                    _disposed = true;
                    Hooks.On?.Invoke("dispose");
                }
            }

            // Both: DisposeAsync is the one called, as dependency injection calls it.
            public sealed class Exporter : IDisposable, IAsyncDisposable
            {
                [Interval(Seconds = 1)]
                public async Task Run(CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    Hooks.On?.Invoke("run");
                }

                public void Dispose() => Hooks.On?.Invoke("sync dispose");

                public async ValueTask DisposeAsync()
                {
                    await Task.Yield();
                    Hooks.On?.Invoke("async dispose");
                }
            }

            public sealed record Failing : IDisposable
            {
                [Interval(Seconds = 1)]
                public ValueTask Fail(JobContext context) => throw new InvalidOperationException("boom");

                public void Dispose() => Hooks.On?.Invoke("failing disposed");
            }

            // Not disposed: in a using, a struct is read-only, and the method would run on a copy of it.
            public struct Counter : IDisposable
            {
                [Interval(Seconds = 1)]
                public void Count() => Hooks.On?.Invoke("count");

                public void Dispose() => Hooks.On?.Invoke("struct disposed");
            }
        }
        """;

    private const string HostedProgram = """
        namespace HostedDisposal
        {
            public static class Hooks
            {
                public static Action<string>? On;
            }

            public sealed class AppDb : IAsyncDisposable
            {
                public ValueTask DisposeAsync()
                {
                    Hooks.On?.Invoke("db disposed");
                    return default;
                }
            }

            public sealed class Export(AppDb db) : IDisposable
            {
                [Interval(Minutes = 10)]
                public Task Run()
                {
                    Hooks.On?.Invoke(db is null ? "no db" : "run");
                    return Task.CompletedTask;
                }

                public void Dispose() => Hooks.On?.Invoke("job disposed");
            }
        }
        """;

    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JobContext Context(JobDefinition job, IServiceProvider? services = null) =>
        new(job.Id, T0, T0, CancellationToken.None) { Services = services };

    private static List<string> Record(System.Reflection.Assembly assembly, string hooks)
    {
        var seen = new List<string>();
        assembly.GetType(hooks, throwOnError: true)!.GetField("On")!.SetValue(null, new Action<string>(seen.Add));
        return seen;
    }

    [Fact]
    public async Task A_disposable_class_is_disposed_after_each_run_asynchronously_when_it_can_be()
    {
        using var loaded = new LoadedAssemblies(GeneratorHarness.Run(Program).AssertGeneratorClean().AssertCompilesClean().Output);
        var seen = Record(loaded[0], "Disposal.Hooks");
        var jobs = loaded.All().ToDictionary(j => j.Id);

        await jobs["Disposal.Mailer.Send"].Invoker(Context(jobs["Disposal.Mailer.Send"]));
        await jobs["Disposal.Mailer.Send"].Invoker(Context(jobs["Disposal.Mailer.Send"]));
        Assert.Equal(["send", "dispose", "send", "dispose"], seen);

        seen.Clear();
        await jobs["Disposal.Exporter.Run"].Invoker(Context(jobs["Disposal.Exporter.Run"]));
        Assert.Equal(["run", "async dispose"], seen);
    }

    [Fact]
    public async Task A_run_that_throws_still_disposes_its_instance()
    {
        using var loaded = new LoadedAssemblies(GeneratorHarness.Run(Program).AssertGeneratorClean().AssertCompilesClean().Output);
        var seen = Record(loaded[0], "Disposal.Hooks");
        var failing = loaded.All().Single(j => j.Id == "Disposal.Failing.Fail");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await failing.Invoker(Context(failing)));

        Assert.Equal("boom", error.Message);
        Assert.Equal(["failing disposed"], seen);
    }

    [Fact]
    public async Task A_disposable_struct_runs_as_before_and_is_not_disposed()
    {
        using var loaded = new LoadedAssemblies(GeneratorHarness.Run(Program).AssertGeneratorClean().AssertCompilesClean().Output);
        var seen = Record(loaded[0], "Disposal.Hooks");
        var count = loaded.All().Single(j => j.Id == "Disposal.Counter.Count");

        await count.Invoker(Context(count));

        Assert.Equal(["count"], seen);
    }

    [Fact]
    public async Task A_disposable_class_from_dependency_injection_is_disposed_before_the_scope_of_its_services()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.CompileWithHosting(HostedProgram), BuildProperties.Project("HostedDisposal"))
            .AssertGeneratorClean().AssertCompilesClean();
        using var loaded = new LoadedAssemblies(HostingStandIn.Compilation, run.Output);
        var seen = Record(loaded[1], "HostedDisposal.Hooks");
        var export = loaded.All().Single(j => j.Id == "HostedDisposal.Export.Run");
        var services = new ServiceCollection();
        services.AddScoped(loaded[1].GetType("HostedDisposal.AppDb", throwOnError: true)!);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await export.Invoker(Context(export, provider));

        Assert.Equal(["run", "job disposed", "db disposed"], seen);
    }
}
