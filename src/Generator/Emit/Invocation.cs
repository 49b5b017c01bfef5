using System.Collections.Generic;
using GenScheduler.Generator.Model;

namespace GenScheduler.Generator.Emit;

/// <summary>
/// Writes the invoker of a job: a <c>static</c> lambda, target-typed to the runtime's <c>JobInvoker</c>, that calls the
/// method directly. It names none of <c>ValueTask</c>, <c>JobContext</c> or <c>CancellationToken</c> (their types come
/// from the delegate), so a user's type of one of those names cannot change what the generated code means. A job that
/// takes services makes a new dependency-injection scope per run, creates its type and resolves its services from it,
/// and disposes it when the run ends: direct calls, no reflection. An instance of a disposable class is disposed when
/// its run ends, whether it came from the scope's services or from <c>new T()</c>.
/// </summary>
internal static class Invocation
{
    private const string DependencyInjection = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.";

    /// <summary>
    /// The call, with arguments taken from the invoker's <c>context</c> parameter:
    /// <c>global::MyApp.Jobs.Report(context.CancellationToken)</c> or <c>new global::MyApp.Jobs().Tick()</c>.
    /// </summary>
    public static string Call(JobModel job)
    {
        string type = CSharp.QualifiedTypeName(job);
        string target = job.IsStatic ? type : "new " + type + "()";
        return target + "." + CallOn(job);
    }

    /// <summary>The method and its arguments from the context: <c>Tick(context.CancellationToken)</c>.</summary>
    private static string CallOn(JobModel job)
    {
        var arguments = new List<string>(job.Parameters.Count);
        foreach (ParameterKind parameter in job.Parameters)
        {
            arguments.Add(parameter == ParameterKind.JobContext ? "context" : "context.CancellationToken");
        }

        return CSharp.Identifier(job.MethodName) + "(" + string.Join(", ", arguments) + ")";
    }

    /// <summary>
    /// The invoker: <c>static context =&gt; { Tick(); return default; }</c> for <c>void</c>, <c>static context =&gt; new(Report(…))</c>
    /// for a <c>Task</c> (the delegate's <c>ValueTask</c>, target-typed), <c>static context =&gt; Poll(…)</c> for a <c>ValueTask</c>;
    /// for a job that takes services, an async lambda over several lines (<c>\n</c>), the scope first (<see cref="ScopedLambda"/>);
    /// for an instance of a disposable class, a lambda that disposes it (<see cref="DisposingLambda"/>).
    /// </summary>
    public static string Lambda(JobModel job)
    {
        if (job.Services is { } services)
        {
            return ScopedLambda(job, services);
        }

        if (job.Disposal != DisposalKind.None)
        {
            return DisposingLambda(job);
        }

        string call = Call(job);
        return job.ReturnKind switch
        {
            ReturnKind.Task => "static context => new(" + call + ")",
            ReturnKind.ValueTask => "static context => " + call,
            _ => "static context => { " + call + "; return default; }",
        };
    }

    /// <summary>The invoker argument of the job table: the lambda, or the thunk property that holds it (<c>global::MyApp.Jobs.__GenScheduler_Tick</c>).</summary>
    /// <param name="job">The job.</param>
    /// <param name="thunkName">The thunk of a method the table cannot reach, or <see langword="null"/>.</param>
    public static string Invoker(JobModel job, string? thunkName) =>
        thunkName is null ? Lambda(job) : CSharp.QualifiedTypeName(job) + "." + thunkName;

    /// <summary>
    /// A run of a disposable class's method: the instance it makes is disposed when the method has returned (also when it
    /// throws), asynchronously for an <c>IAsyncDisposable</c>; the lambda is <c>async</c> when anything is awaited.
    /// <code>
    /// static async context =>
    /// {
    ///     await using var job = new global::MyApp.Exporter();
    ///     await job.Run(context.CancellationToken);
    /// }
    /// </code>
    /// </summary>
    private static string DisposingLambda(JobModel job)
    {
        bool awaits = job.Disposal == DisposalKind.DisposeAsync || job.ReturnKind != ReturnKind.Void;
        var lines = new List<string>
        {
            awaits ? "static async context =>" : "static context =>",
            "{",
            "    " + JobDeclaration(job) + "new " + CSharp.QualifiedTypeName(job) + "();",
            (job.ReturnKind == ReturnKind.Void ? "    " : "    await ") + "job." + CallOn(job) + ";",
        };

        if (!awaits)
        {
            lines.Add("    return default;");
        }

        lines.Add("}");
        return string.Join("\n", lines);
    }

    /// <summary><c>var job = </c>, or with <c>using</c> or <c>await using</c> when the run disposes the instance.</summary>
    private static string JobDeclaration(JobModel job) => job.Disposal switch
    {
        DisposalKind.DisposeAsync => "await using var job = ",
        DisposalKind.Dispose => "using var job = ",
        _ => "var job = ",
    };

    /// <summary>
    /// A run in a scope of its own, disposed when the run ends (also when it throws); without services in the context (no
    /// host), an <c>InvalidOperationException</c> naming the job:
    /// <code>
    /// static async context =>
    /// {
    ///     await using var scope = …CreateAsyncScope(context.Services ?? throw …);
    ///     var services = scope.ServiceProvider;
    ///     var job = new global::MyApp.Cleanup(
    ///         …GetRequiredService&lt;global::MyApp.AppDb&gt;(services));
    ///     await job.Run(context.CancellationToken);
    /// }
    /// </code>
    /// </summary>
    private static string ScopedLambda(JobModel job, ServiceScopeModel services)
    {
        var lines = new List<string>
        {
            "static async context =>",
            "{",
            "    await using var scope = " + DependencyInjection + "CreateAsyncScope(",
            "        context.Services ?? throw new global::System.InvalidOperationException(",
            "            \"The job \\\"\" + context.JobId + \"\\\" takes services from dependency injection, and the scheduler has none: \" +",
            "            \"run it in a host with services.AddGenScheduler() (package GenScheduler.Hosting), or set SchedulerOptions.Services.\"));",
            "    var services = scope.ServiceProvider;",
        };

        string target = CSharp.QualifiedTypeName(job);
        if (!job.IsStatic)
        {
            var constructorArguments = new List<string>(services.Constructor.Count);
            foreach (ServiceModel service in services.Constructor)
            {
                constructorArguments.Add(Resolve(service));
            }

            // Declared after the scope, so disposed before it: the instance may still use its services as it lets go.
            AddCall(lines, "    " + JobDeclaration(job) + "new " + target, constructorArguments, services.Constructor.Count > 0);
            target = "job";
        }

        var arguments = new List<string>(job.Parameters.Count);
        int next = 0;
        foreach (ParameterKind parameter in job.Parameters)
        {
            arguments.Add(parameter switch
            {
                ParameterKind.JobContext => "context",
                ParameterKind.CancellationToken => "context.CancellationToken",
                _ => Resolve(services.Method[next++]),
            });
        }

        string head = (job.ReturnKind == ReturnKind.Void ? "    " : "    await ") + target + "." + CSharp.Identifier(job.MethodName);
        AddCall(lines, head, arguments, services.Method.Count > 0);
        lines.Add("}");
        return string.Join("\n", lines);
    }

    /// <summary><c>head(a, b);</c> on one line, or with one argument a line when <paramref name="multiline"/> (a service's resolution is long).</summary>
    private static void AddCall(List<string> lines, string head, List<string> arguments, bool multiline)
    {
        if (!multiline)
        {
            lines.Add(head + "(" + string.Join(", ", arguments) + ");");
            return;
        }

        lines.Add(head + "(");
        for (int i = 0; i < arguments.Count; i++)
        {
            lines.Add("        " + arguments[i] + (i == arguments.Count - 1 ? ");" : ","));
        }
    }

    /// <summary>
    /// A service from the run's scope: <c>GetRequiredService&lt;T&gt;(services)</c>; for an optional parameter
    /// <c>GetService&lt;T&gt;(services)</c> (a value type unboxed from <c>GetService(typeof(T))</c>), with its default when the
    /// container has none.
    /// </summary>
    private static string Resolve(ServiceModel service)
    {
        if (!service.IsOptional)
        {
            return DependencyInjection + "GetRequiredService<" + service.Argument + ">(services)";
        }

        string lookup = service.IsValueType
            ? "(" + service.Argument + "?)services.GetService(typeof(" + service.Type + "))"
            : DependencyInjection + "GetService<" + service.Argument + ">(services)";
        return service.Default switch
        {
            null => lookup,
            "null!" => lookup + "!",
            string fallback => lookup + " ?? " + fallback,
        };
    }
}
