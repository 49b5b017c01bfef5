using System.Collections.Generic;
using System.Threading;
using GenScheduler.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenScheduler.Generator.Extraction;

/// <summary>What the compilation's references mean for its job table.</summary>
/// <param name="Tables">
/// The exported tables of the referenced assemblies, fully qualified (<c>global::MyLib.ScheduledJobs</c>), ordered by
/// assembly name (ordinal): <c>All</c> adds each one's <c>Declared</c> after the assembly's own jobs.
/// </param>
/// <param name="Clashes">
/// The referenced assemblies that make a type of the table's full name visible to this compilation (by name, ordinal):
/// generating the table then would be CS0436, so GS0023 is reported instead.
/// </param>
internal sealed record ReferencedTablesModel(EquatableArray<string> Tables, EquatableArray<string> Clashes);

/// <summary>
/// Reads the compilation's references: the tables they export (marked <c>[assembly: GenScheduler.JobTable(typeof(…))]</c>)
/// and the types that would clash with this compilation's table. Returns plain, equatable values, so an edit that
/// changes no reference leaves the rest of the pipeline cached.
/// </summary>
internal static class ReferencedTables
{
    /// <summary>The metadata name of the attribute that marks an exported table.</summary>
    public const string JobTableAttributeName = "GenScheduler.JobTableAttribute";

    /// <summary>Reads the references of <paramref name="compilation"/> for a table placed as <paramref name="settings"/> says.</summary>
    public static ReferencedTablesModel Read(Compilation compilation, TableSettings settings, CancellationToken cancellationToken)
    {
        var tables = new SortedDictionary<string, string>(System.StringComparer.Ordinal);
        var clashes = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (assembly.GetTypeByMetadataName(settings.MetadataName) is { } type && compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
            {
                clashes.Add(assembly.Name);
            }

            if (ExportedTable(assembly, compilation) is { } table && !tables.ContainsKey(assembly.Name))
            {
                tables.Add(assembly.Name, table.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
            }
        }

        return new ReferencedTablesModel(EquatableArray.From(tables.Values), EquatableArray.From(clashes));
    }

    /// <summary>The table <paramref name="assembly"/> exports, when it marks one that this compilation can read <c>Declared</c> of.</summary>
    private static INamedTypeSymbol? ExportedTable(IAssemblySymbol assembly, Compilation compilation)
    {
        foreach (AttributeData attribute in assembly.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == JobTableAttributeName
                && attribute.ConstructorArguments is [{ Value: INamedTypeSymbol table }]
                && SymbolEqualityComparer.Default.Equals(table.ContainingAssembly, assembly)
                && compilation.IsSymbolAccessibleWithin(table, compilation.Assembly))
            {
                foreach (ISymbol member in table.GetMembers("Declared"))
                {
                    if (member is IPropertySymbol { IsStatic: true } && compilation.IsSymbolAccessibleWithin(member, compilation.Assembly))
                    {
                        return table;
                    }
                }
            }
        }

        return null;
    }
}
