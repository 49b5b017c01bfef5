namespace GenScheduler.Generator.Model;

/// <summary>How the project wants its job table: where it goes, and whether other assemblies may run its jobs.</summary>
/// <param name="AssemblyName">The assembly's name, for messages.</param>
/// <param name="Namespace">
/// The table's namespace, dotted and unescaped (<c>MyApp</c>, <c>My_App.@event</c> is written <c>My_App.event</c>); empty
/// for the global namespace.
/// </param>
/// <param name="Export">
/// Whether the table is public and, when it has jobs, marked with <c>[assembly: JobTable]</c>, so that referencing
/// assemblies run its jobs; <see langword="false"/> (MSBuild <c>GenSchedulerExportJobs</c> set to <c>false</c>) keeps it internal.
/// </param>
internal sealed record TableSettings(string AssemblyName, string Namespace, bool Export = true)
{
    /// <summary>The name of the generated table class.</summary>
    public const string TableName = "ScheduledJobs";

    /// <summary>The table's full name as metadata spells it: <c>MyApp.ScheduledJobs</c>.</summary>
    public string MetadataName => Namespace.Length == 0 ? TableName : Namespace + "." + TableName;
}
