namespace GenScheduler.Generator.Model;

/// <summary>How the project wants its job table: where it goes.</summary>
/// <param name="AssemblyName">The assembly's name, for messages.</param>
/// <param name="Namespace">
/// The table's namespace, dotted and unescaped (<c>MyApp</c>, <c>My_App.@event</c> is written <c>My_App.event</c>); empty
/// for the global namespace.
/// </param>
internal sealed record TableSettings(string AssemblyName, string Namespace)
{
    /// <summary>The table's full name as metadata spells it: <c>MyApp.ScheduledJobs</c>.</summary>
    public string MetadataName => Namespace.Length == 0 ? TableName : Namespace + "." + TableName;

    /// <summary>The name of the generated table class.</summary>
    public const string TableName = "ScheduledJobs";
}
