using System.Collections.Generic;
using GenScheduler.Generator.Model;

namespace GenScheduler.Generator.Emit;

/// <summary>
/// Writes the invoker of a job: a <c>static</c> lambda, target-typed to the runtime's <c>JobInvoker</c>, that calls the
/// method directly. It names none of <c>ValueTask</c>, <c>JobContext</c> or <c>CancellationToken</c> (their types come
/// from the delegate), so a user's type of one of those names cannot change what the generated code means.
/// </summary>
internal static class Invocation
{
    /// <summary>
    /// The call, with arguments taken from the invoker's <c>context</c> parameter:
    /// <c>global::MyApp.Jobs.Report(context.CancellationToken)</c> or <c>new global::MyApp.Jobs().Tick()</c>.
    /// </summary>
    public static string Call(JobModel job)
    {
        string type = CSharp.QualifiedTypeName(job);
        string target = job.IsStatic ? type : "new " + type + "()";
        var arguments = new List<string>(job.Parameters.Count);
        foreach (ParameterKind parameter in job.Parameters)
        {
            arguments.Add(parameter == ParameterKind.JobContext ? "context" : "context.CancellationToken");
        }

        return target + "." + CSharp.Identifier(job.MethodName) + "(" + string.Join(", ", arguments) + ")";
    }

    /// <summary>
    /// The invoker: <c>static context =&gt; { Tick(); return default; }</c> for <c>void</c>, <c>static context =&gt; new(Report(…))</c>
    /// for a <c>Task</c> (the delegate's <c>ValueTask</c>, target-typed), <c>static context =&gt; Poll(…)</c> for a <c>ValueTask</c>.
    /// </summary>
    public static string Lambda(JobModel job)
    {
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
}
