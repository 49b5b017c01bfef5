namespace GenScheduler.Generator.Model;

/// <summary>The assembly's job table: the jobs that made it in, sorted by id (ordinal), ids unique.</summary>
/// <param name="Jobs">The jobs.</param>
internal sealed record JobTableModel(EquatableArray<JobModel> Jobs)
{
    /// <summary>The methods the generator failed on while extracting them, by method key (ordinal): each is reported as GS0022.</summary>
    public EquatableArray<GeneratorFailure> Failures { get; init; } = EquatableArray<GeneratorFailure>.Empty;
}
