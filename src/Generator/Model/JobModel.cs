namespace GenScheduler.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one row of the job table. Holds only strings, numbers, bools and
/// equatable arrays, never symbols or syntax, so an edit elsewhere leaves it equal and the pipeline cached.
/// </summary>
/// <param name="Id">The job id: <c>Namespace.Type.Method</c>, or the attribute's <c>Name</c>.</param>
/// <param name="MethodKey">A unique, stable key for the method (its fully qualified signature), used to merge and order.</param>
/// <param name="Namespace">The namespace, dotted, or empty for the global namespace.</param>
/// <param name="ContainingTypes">The type chain from the outermost type to the declaring type.</param>
/// <param name="MethodName">The method's name, unescaped.</param>
/// <param name="IsStatic">Whether the method is static; otherwise a new instance is created per run.</param>
/// <param name="ReturnKind">What the method returns.</param>
/// <param name="Parameters">The method's parameters in order.</param>
/// <param name="Access">Whether the table calls the method directly or through a generated thunk.</param>
/// <param name="IsObsolete">Whether the method, its type or the constructor used is obsolete (the call then needs a pragma).</param>
/// <param name="DerivesFromSourceType">
/// Whether the declaring type derives from another type of this assembly, whose own thunks it would otherwise hide
/// (CS0108): its thunks then carry the type's name too.
/// </param>
/// <param name="Triggers">The schedule attributes in source order; at least one, except for a target, which has none.</param>
/// <param name="Options">The job options read from the attributes.</param>
/// <param name="IsTarget">
/// Whether the method is a <c>[Job]</c> target without a schedule: written as <c>JobDefinition.Unscheduled</c>, for code to
/// schedule at run time with <c>Scheduler.AddJob(id, target, trigger)</c>.
/// </param>
/// <param name="Services">
/// For a job that takes services from dependency injection (only with GenScheduler.Hosting referenced): the scope each
/// run makes and what it takes from it. <see langword="null"/> for a static method without services and for an instance
/// method whose type is created with <c>new T()</c>.
/// </param>
/// <param name="Disposal">How a run lets go of the instance it made: disposed when the run ends, for a class that is disposable.</param>
internal sealed record JobModel(
    string Id,
    string MethodKey,
    string Namespace,
    EquatableArray<TypeModel> ContainingTypes,
    string MethodName,
    bool IsStatic,
    ReturnKind ReturnKind,
    EquatableArray<ParameterKind> Parameters,
    AccessKind Access,
    bool IsObsolete,
    bool DerivesFromSourceType,
    EquatableArray<TriggerModel> Triggers,
    JobOptionsModel Options,
    bool IsTarget = false,
    ServiceScopeModel? Services = null,
    DisposalKind Disposal = DisposalKind.None)
{
    /// <summary>Whether the attribute named the job (so the id differs from <see cref="DefaultId"/>).</summary>
    public bool HasCustomId => Id != DefaultId;

    /// <summary>The id the job would have without a <c>Name</c>: <c>Namespace.Outer.Inner.Method</c>.</summary>
    public string DefaultId
    {
        get
        {
            var parts = new System.Collections.Generic.List<string>();
            if (Namespace.Length > 0)
            {
                parts.Add(Namespace);
            }

            foreach (TypeModel type in ContainingTypes)
            {
                parts.Add(type.Name);
            }

            parts.Add(MethodName);
            return string.Join(".", parts);
        }
    }
}

/// <summary>One type in the chain that declares a scheduled method or a target.</summary>
/// <param name="Name">The type's name, unescaped.</param>
/// <param name="Kind">What kind of type it is, for re-declaring it as a partial type.</param>
/// <param name="IsStatic">Whether it is a static class.</param>
/// <param name="IsReadOnly">Whether it is a readonly struct.</param>
/// <param name="IsRefLike">Whether it is a ref struct.</param>
internal sealed record TypeModel(string Name, TypeKindModel Kind, bool IsStatic, bool IsReadOnly, bool IsRefLike);

/// <summary>The kinds of type a scheduled method may live in.</summary>
internal enum TypeKindModel
{
    /// <summary>A class.</summary>
    Class,

    /// <summary>A struct.</summary>
    Struct,

    /// <summary>A record class.</summary>
    RecordClass,

    /// <summary>A record struct.</summary>
    RecordStruct,

    /// <summary>An interface (static methods only; never re-declared for a thunk).</summary>
    Interface,
}

/// <summary>What a run does with the instance of the job's type it made, when its method has returned.</summary>
internal enum DisposalKind
{
    /// <summary>Nothing: a static method, or a type that is not a disposable class.</summary>
    None,

    /// <summary><c>using var job = …</c>: the class implements <see cref="System.IDisposable"/> only.</summary>
    Dispose,

    /// <summary><c>await using var job = …</c>: the class implements <c>IAsyncDisposable</c> (preferred to <c>Dispose</c>, as dependency injection does).</summary>
    DisposeAsync,
}

/// <summary>What a scheduled method returns.</summary>
internal enum ReturnKind
{
    /// <summary><c>void</c>: the invoker returns a completed task.</summary>
    Void,

    /// <summary><see cref="System.Threading.Tasks.Task"/>: wrapped in a <c>ValueTask</c>.</summary>
    Task,

    /// <summary><c>ValueTask</c>: returned as is.</summary>
    ValueTask,
}

/// <summary>A parameter the invoker knows how to supply.</summary>
internal enum ParameterKind
{
    /// <summary><c>System.Threading.CancellationToken</c>: gets <c>context.CancellationToken</c>.</summary>
    CancellationToken,

    /// <summary><c>GenScheduler.JobContext</c>: gets <c>context</c>.</summary>
    JobContext,

    /// <summary>Any other type, with GenScheduler.Hosting referenced: a service from the run's scope (<see cref="JobModel.Services"/>).</summary>
    Service,
}

/// <summary>How the job table reaches the method.</summary>
internal enum AccessKind
{
    /// <summary>The method (and, for an instance method, the constructor) is accessible from the assembly.</summary>
    Direct,

    /// <summary>Only code inside the (partial) type can reach it, so a thunk is generated there.</summary>
    Thunk,
}
