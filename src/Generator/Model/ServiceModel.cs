using System.Collections.Generic;

namespace GenScheduler.Generator.Model;

/// <summary>
/// One service a run takes from dependency injection: a parameter of the constructor the job's type is created with,
/// or a parameter of the method that is neither a <c>CancellationToken</c> nor a <c>JobContext</c>.
/// </summary>
/// <param name="Type">The service type as <c>typeof</c> names it: fully qualified, without nullable annotations (<c>global::MyApp.AppDb</c>).</param>
/// <param name="Argument">
/// The type the parameter receives, as the type argument of <c>GetRequiredService&lt;T&gt;</c> names it: fully
/// qualified, nested nullable annotations kept (<c>global::System.Collections.Generic.List&lt;string?&gt;</c>), none at the top.
/// </param>
/// <param name="Name">A short name for the type, for overload suffixes of job property names: <c>AppDb</c>, <c>ILogger</c>.</param>
/// <param name="IsOptional">
/// Whether the parameter has a default value or a nullable type: then a missing service gives the default
/// (<c>GetService</c>), otherwise it fails the run (<c>GetRequiredService</c>) and the service is listed in
/// <c>JobDefinition.RequiredServices</c>.
/// </param>
/// <param name="IsValueType">Whether the service type is a value type (an optional one is then unboxed, not cast).</param>
/// <param name="Default">For an optional parameter, its default as a C# expression; <see langword="null"/> when that is <c>null</c>.</param>
internal sealed record ServiceModel(string Type, string Argument, string Name, bool IsOptional, bool IsValueType, string? Default);

/// <summary>
/// How a run of a job built from dependency injection gets what it needs: a new async scope per run, disposed after
/// it, from which the job's type is constructed and the method's service parameters are taken.
/// </summary>
/// <param name="Constructor">The services of the constructor's parameters, in order; empty for a static method or a parameterless constructor.</param>
/// <param name="Method">The services of the method's parameters, in the order of the <see cref="ParameterKind.Service"/> entries of <see cref="JobModel.Parameters"/>.</param>
internal sealed record ServiceScopeModel(EquatableArray<ServiceModel> Constructor, EquatableArray<ServiceModel> Method)
{
    /// <summary>The scope factory: what a job whose services are all optional still needs from the container.</summary>
    public const string ScopeFactoryType = "global::Microsoft.Extensions.DependencyInjection.IServiceScopeFactory";

    /// <summary>
    /// The types for <c>JobDefinition.RequiredServices</c>: those of the required services, constructor first, each once, in
    /// parameter order; when every service is optional, the scope factory alone, so a scheduler without a container still
    /// refuses the job at start.
    /// </summary>
    public List<string> RequiredTypes()
    {
        var types = new List<string>();
        foreach (EquatableArray<ServiceModel> list in new[] { Constructor, Method })
        {
            foreach (ServiceModel service in list)
            {
                if (!service.IsOptional && !types.Contains(service.Type))
                {
                    types.Add(service.Type);
                }
            }
        }

        if (types.Count == 0)
        {
            types.Add(ScopeFactoryType);
        }

        return types;
    }
}

/// <summary>Whether the compilation uses GenScheduler.Hosting, and what that asks of the generator.</summary>
/// <param name="Enabled">
/// Whether it references the assembly <c>GenScheduler.Hosting</c> (and the dependency-injection abstractions): instance
/// jobs are then created from dependency injection, and method parameters other than a <c>CancellationToken</c> and a
/// <c>JobContext</c> are services.
/// </param>
/// <param name="RegistersTable">
/// Whether to generate the parameterless <c>services.AddGenScheduler()</c> that registers this assembly's table: hosting
/// is enabled, its <c>AddGenScheduler(services, jobs, configure)</c> is there to call, and no referenced assembly already
/// shows this one such an extension (through <c>InternalsVisibleTo</c>), which would make the call ambiguous.
/// </param>
internal sealed record HostingModel(bool Enabled, bool RegistersTable)
{
    /// <summary>No hosting: the generator works as without dependency injection.</summary>
    public static HostingModel Off { get; } = new(false, false);
}
