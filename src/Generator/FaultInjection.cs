using System;

namespace GenScheduler.Generator;

/// <summary>Where the generator can be made to fail, for <see cref="FaultInjection"/>.</summary>
internal enum FaultStage
{
    /// <summary>Turning one method into its job.</summary>
    Extraction,

    /// <summary>Writing one job (its row of the table, or its thunk).</summary>
    Emission,
}

/// <summary>
/// <b>Test-only.</b> Lets the generator's tests make extraction or emission throw for one method, to prove that a bug
/// in the generator is reported (GS0022) naming the method, and never drops a job silently. Visible to
/// <c>GenScheduler.Generator.Tests</c> only, through <c>InternalsVisibleTo</c>; nothing else sets it, and unset it costs one
/// null check per method.
/// </summary>
internal static class FaultInjection
{
    /// <summary>Called with the stage and the method key before each method is extracted and each job is written; may throw.</summary>
    internal static Action<FaultStage, string>? Hook { get; set; }

    /// <summary>Runs the hook, if a test set one.</summary>
    internal static void At(FaultStage stage, string methodKey) => Hook?.Invoke(stage, methodKey);
}
