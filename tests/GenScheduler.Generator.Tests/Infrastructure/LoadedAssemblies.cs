using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace GenScheduler.Generator.Tests.Infrastructure;

/// <summary>
/// Compiled test assemblies loaded into a collectible context, in order, each resolving the others by name (the
/// GenScheduler runtime comes from the test's own context, so its types are the test's), and unloaded on dispose.
/// </summary>
internal sealed class LoadedAssemblies : IDisposable
{
    private readonly AssemblyLoadContext _context = new("GenScheduler.Tests.Loaded", isCollectible: true);
    private readonly Dictionary<string, Assembly> _byName = new(StringComparer.Ordinal);
    private readonly List<Assembly> _assemblies = [];

    /// <summary>Emits and loads each compilation; fails on any emit error.</summary>
    public LoadedAssemblies(params Compilation[] compilations)
    {
        _context.Resolving += (_, name) => _byName.GetValueOrDefault(name.Name!);
        foreach (Compilation compilation in compilations)
        {
            using var image = new MemoryStream();
            EmitResult result = compilation.Emit(image);
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            image.Position = 0;
            Assembly assembly = _context.LoadFromStream(image);
            _byName[assembly.GetName().Name!] = assembly;
            _assemblies.Add(assembly);
        }
    }

    /// <summary>The assembly loaded from the compilation at <paramref name="index"/>.</summary>
    public Assembly this[int index] => _assemblies[index];

    /// <summary>The generated <c>ScheduledJobs.All</c> of the assembly at <paramref name="index"/> (the last one by default).</summary>
    public IReadOnlyList<JobDefinition> All(int index = -1)
    {
        Type table = _assemblies[index < 0 ? _assemblies.Count - 1 : index].GetTypes().Single(t => t.Name == "ScheduledJobs");
        return (IReadOnlyList<JobDefinition>)table.GetProperty("All", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }

    /// <inheritdoc />
    public void Dispose() => _context.Unload();
}
