using System;
using System.Collections.Generic;
using System.Threading;

namespace GenScheduler.StoreBenchmarks;

/// <summary>
/// Forwards every call to a real store and counts the calls that reach the database: each <see cref="Claim"/> and
/// <see cref="Complete"/> is one round trip and one commit in both stores (one statement, or one transaction), which
/// is what "round trips per occurrence" divides.
/// </summary>
internal sealed class CountingStore(IJobStore inner) : IJobStore
{
    private long _claimCalls, _claims, _won, _completeCalls, _completions;

    public long ClaimCalls => Interlocked.Read(ref _claimCalls);

    public long Claims => Interlocked.Read(ref _claims);

    public long Won => Interlocked.Read(ref _won);

    public long CompleteCalls => Interlocked.Read(ref _completeCalls);

    public long Completions => Interlocked.Read(ref _completions);

    public string Name => inner.Name;

    public void Open(JobStoreSession session) => inner.Open(session);

    public IReadOnlyList<StoredJob> LoadJobs() => inner.LoadJobs();

    public IReadOnlyList<StoredJob> ProposeJobs(IReadOnlyList<StoredJob> jobs) => inner.ProposeJobs(jobs);

    public void SaveJob(StoredJob job) => inner.SaveJob(job);

    public void DeleteJob(string id) => inner.DeleteJob(id);

    public void Claim(IReadOnlyList<FireClaim> claims)
    {
        inner.Claim(claims);
        Interlocked.Increment(ref _claimCalls);
        Interlocked.Add(ref _claims, claims.Count);
        long won = 0;
        foreach (var claim in claims)
        {
            won += claim.Outcome == ClaimOutcome.Won ? 1 : 0;
        }

        Interlocked.Add(ref _won, won);
    }

    public void Complete(IReadOnlyList<RunCompletion> runs)
    {
        inner.Complete(runs);
        Interlocked.Increment(ref _completeCalls);
        Interlocked.Add(ref _completions, runs.Count);
    }

    public IReadOnlyList<StoredJob> ReadChanges(long afterVersion) => inner.ReadChanges(afterVersion);

    public void Heartbeat() => inner.Heartbeat();

    public IReadOnlyList<OrphanedRun> SettleOrphans() => inner.SettleOrphans();

    public bool WaitForChange(TimeSpan timeout, CancellationToken cancellationToken) => inner.WaitForChange(timeout, cancellationToken);

    public void Dispose() => inner.Dispose();
}
