using System;

namespace GenScheduler;

/// <summary>
/// Marks an assembly that exports its generated job table, so that the applications referencing it run its jobs too.
/// The GenScheduler source generator writes <c>[assembly: JobTable(typeof(MyLib.ScheduledJobs))]</c> into every assembly
/// that has scheduled jobs (unless its project sets <c>&lt;GenSchedulerExportJobs&gt;false&lt;/GenSchedulerExportJobs&gt;</c>);
/// in an assembly that references it, the generated <c>ScheduledJobs.All</c> is that assembly's own
/// <c>ScheduledJobs.Declared</c> followed by the <c>Declared</c> jobs of each table it finds marked so, at compile time
/// and without reflection.
/// </summary>
/// <param name="table">The assembly's generated table class, <c>&lt;Namespace&gt;.ScheduledJobs</c>.</param>
/// <remarks>
/// The generator writes this attribute; there is no need to apply it by hand. It is read only at compile time, from the
/// referenced assembly's metadata; nothing reads it at run time.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class JobTableAttribute(Type table) : Attribute
{
    /// <summary>The assembly's generated table class, whose static <c>Declared</c> property lists the jobs the assembly declares.</summary>
    public Type Table { get; } = table ?? throw new ArgumentNullException(nameof(table));
}
