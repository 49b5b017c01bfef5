using System.Collections.Generic;
using System.Threading;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Extraction;

/// <summary>What the compilation's references mean for its job table: the assemblies whose own type would clash with it.</summary>
/// <param name="Clashes">
/// The referenced assemblies that make a type of the table's full name visible to this compilation (by name, ordinal):
/// generating the table then would be CS0436, so GS0023 is reported instead.
/// </param>
internal sealed record ReferencedTablesModel(EquatableArray<string> Clashes);

/// <summary>Reads the compilation's references. Returns plain, equatable values, so unrelated edits leave the pipeline cached.</summary>
internal static class ReferencedTables
{
    /// <summary>Reads the references of <paramref name="compilation"/> for a table placed as <paramref name="settings"/> says.</summary>
    public static ReferencedTablesModel Read(Compilation compilation, TableSettings settings, CancellationToken cancellationToken)
    {
        var clashes = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (assembly.GetTypeByMetadataName(settings.MetadataName) is { } type && compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
            {
                clashes.Add(assembly.Name);
            }
        }

        return new ReferencedTablesModel(EquatableArray.From(clashes));
    }
}
