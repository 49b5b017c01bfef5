using System.Collections.Generic;
using GenScheduler.Generator.Model;

namespace GenScheduler.Generator.Emit;

/// <summary>Writes the direct call of a job's method and the code that turns its result into a <c>ValueTask</c>.</summary>
internal static class Invocation
{
    /// <summary>The <c>ValueTask</c> type, fully qualified.</summary>
    public const string ValueTaskType = "global::System.Threading.Tasks.ValueTask";

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

    /// <summary>The invoker lambda of the job table: <c>static context =&gt; …</c>.</summary>
    /// <param name="job">The job.</param>
    /// <param name="thunkName">The thunk to call instead of the method, or <see langword="null"/>.</param>
    public static string Lambda(JobModel job, string? thunkName)
    {
        if (thunkName is not null)
        {
            return "static context => " + CSharp.QualifiedTypeName(job) + "." + thunkName + "(context)";
        }

        string call = Call(job);
        return job.ReturnKind switch
        {
            ReturnKind.Task => "static context => new " + ValueTaskType + "(" + call + ")",
            ReturnKind.ValueTask => "static context => " + call,
            _ => "static context => { " + call + "; return default; }",
        };
    }

    /// <summary>The statements of a thunk's body.</summary>
    public static string[] ThunkBody(JobModel job)
    {
        string call = Call(job);
        return job.ReturnKind switch
        {
            ReturnKind.Task => new[] { "return new " + ValueTaskType + "(" + call + ");" },
            ReturnKind.ValueTask => new[] { "return " + call + ";" },
            _ => new[] { call + ";", "return default;" },
        };
    }
}
