using System;

namespace GenScheduler.Generator.Model;

/// <summary>
/// What the generator got from one method: its job; nothing, when the method has problems (the analyzer reports them);
/// or, when the generator itself threw, the <see cref="Failure"/> it reports as GS0022.
/// </summary>
/// <param name="Job">The job, or <see langword="null"/>.</param>
/// <param name="Failure">The generator's own failure on the method, or <see langword="null"/>.</param>
internal sealed record ExtractedJob(JobModel? Job, GeneratorFailure? Failure);

/// <summary>A bug in the generator that kept a job out of the table: reported as GS0022, never dropped silently.</summary>
/// <param name="MethodKey">The method's key (<see cref="JobModel.MethodKey"/>).</param>
/// <param name="Exception">The exception's type and message.</param>
internal sealed record GeneratorFailure(string MethodKey, string Exception)
{
    /// <summary>The failure of <paramref name="exception"/> on the method <paramref name="methodKey"/>.</summary>
    public static GeneratorFailure Of(string methodKey, Exception exception) => new(methodKey, exception.GetType().FullName + ": " + exception.Message);
}
