using System.Threading.Tasks;

namespace GenScheduler;

/// <summary>
/// Calls a job's method. The source generator writes one of these per job as a <see langword="static"/>
/// lambda that calls the method directly, so running a job needs no reflection.
/// </summary>
/// <param name="context">The run being made: job id, scheduled and actual start times, cancellation.</param>
/// <returns>A completed <see cref="ValueTask"/> for a synchronous job; the job's own task for an async one.</returns>
public delegate ValueTask JobInvoker(JobContext context);
