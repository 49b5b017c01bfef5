using System;
using System.Threading;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Extraction;

/// <summary>
/// Tells whether a compilation uses GenScheduler.Hosting: then instance jobs are created from dependency injection, and the
/// generator writes the parameterless <c>services.AddGenScheduler()</c>. Read from the references alone, so it is one
/// small value that changes only when they do.
/// </summary>
internal static class HostingReference
{
    /// <summary>The name of the hosting package's assembly.</summary>
    public const string AssemblyName = "GenScheduler.Hosting";

    /// <summary>The hosting package's <c>AddGenScheduler(services, jobs, configure)</c> lives here.</summary>
    public const string ExtensionsTypeName = "GenScheduler.Hosting.GenSchedulerServiceCollectionExtensions";

    /// <summary>The options <c>AddGenScheduler</c> configures.</summary>
    public const string OptionsTypeName = "GenScheduler.Hosting.GenSchedulerOptions";

    /// <summary>The namespace of the dependency-injection abstractions, where the generated extension goes too.</summary>
    public const string DependencyInjectionNamespace = "Microsoft.Extensions.DependencyInjection";

    /// <summary>The generated extension classes are named <c>GenScheduler_&lt;Namespace&gt;_ServiceCollectionExtensions</c>.</summary>
    public const string ExtensionClassPrefix = "GenScheduler_", ExtensionClassSuffix = "ServiceCollectionExtensions";

    private const string ServiceProviderExtensionsName = DependencyInjectionNamespace + ".ServiceProviderServiceExtensions";

    /// <summary>
    /// Whether <paramref name="compilation"/> references <c>GenScheduler.Hosting</c> and the dependency-injection abstractions
    /// the generated code calls (<c>CreateAsyncScope</c>, <c>GetRequiredService</c>).
    /// </summary>
    public static bool IsEnabled(Compilation compilation)
    {
        bool referenced = false;
        foreach (AssemblyIdentity identity in compilation.ReferencedAssemblyNames)
        {
            if (identity.Name == AssemblyName)
            {
                referenced = true;
                break;
            }
        }

        return referenced
            && compilation.GetTypeByMetadataName(ServiceProviderExtensionsName) is { } extensions
            && !extensions.GetMembers("CreateAsyncScope").IsEmpty;
    }

    /// <summary>What <paramref name="compilation"/>'s references mean for hosting.</summary>
    public static HostingModel Read(Compilation compilation, CancellationToken cancellationToken)
    {
        if (!IsEnabled(compilation))
        {
            return HostingModel.Off;
        }

        bool canRegister = compilation.GetTypeByMetadataName(ExtensionsTypeName) is { } extensions
            && compilation.GetTypeByMetadataName(OptionsTypeName) is not null
            && HasAddGenScheduler(extensions, compilation);
        return new HostingModel(true, canRegister && !SeesAnotherExtension(compilation, cancellationToken));
    }

    private static bool HasAddGenScheduler(INamedTypeSymbol type, Compilation compilation)
    {
        foreach (ISymbol member in type.GetMembers("AddGenScheduler"))
        {
            if (member is IMethodSymbol { IsStatic: true, Parameters.Length: 3 } && compilation.IsSymbolAccessibleWithin(member, compilation.Assembly))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a referenced assembly shows this one its generated <c>AddGenScheduler()</c> (a test project that the app
    /// gives its internals): a second one here would make every call ambiguous (CS0121).
    /// </summary>
    private static bool SeesAnotherExtension(Compilation compilation, CancellationToken cancellationToken)
    {
        INamespaceSymbol? ns = compilation.GlobalNamespace;
        foreach (string part in DependencyInjectionNamespace.Split('.'))
        {
            INamespaceSymbol? next = null;
            foreach (INamespaceSymbol member in ns.GetNamespaceMembers())
            {
                if (member.Name == part)
                {
                    next = member;
                    break;
                }
            }

            if ((ns = next) is null)
            {
                return false;
            }
        }

        foreach (INamedTypeSymbol type in ns.GetTypeMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (type.Name.StartsWith(ExtensionClassPrefix, StringComparison.Ordinal)
                && type.Name.EndsWith(ExtensionClassSuffix, StringComparison.Ordinal)
                && !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly)
                && compilation.IsSymbolAccessibleWithin(type, compilation.Assembly)
                && !type.GetMembers("AddGenScheduler").IsEmpty)
            {
                return true;
            }
        }

        return false;
    }
}
