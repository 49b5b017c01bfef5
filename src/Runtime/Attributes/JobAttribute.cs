using System;

namespace GenScheduler;

/// <summary>
/// Makes a method a job target without a schedule: the generator puts it in the job table as callable but unscheduled,
/// and code schedules it at run time with <see cref="Scheduler.AddJob(string, string, JobTrigger, JobOptions?)"/>,
/// naming the target by its id. Such a job is stored by a persistent job store as that id (code is never stored), the
/// way APScheduler stores <c>"module:function"</c>, so it survives a restart.
/// </summary>
/// <remarks>
/// The options set here are the target's defaults; the options passed to <c>AddJob</c> replace them. <see cref="ScheduleAttribute.Name"/>
/// sets the target's id, <c>Namespace.Type.Method</c> when omitted; ids are unique across the table, jobs and targets
/// alike. Only <c>[Job]</c> methods are targets: a method with a schedule attribute is a job of the table, and cannot also carry
/// <c>[Job]</c> (GS0024).
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class JobAttribute : ScheduleAttribute
{
}
