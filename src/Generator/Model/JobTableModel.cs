namespace GenScheduler.Generator.Model;

/// <summary>The assembly's job table: the jobs that made it in, sorted by id (ordinal), ids unique.</summary>
/// <param name="Jobs">The jobs.</param>
internal sealed record JobTableModel(EquatableArray<JobModel> Jobs);
