using System;
using System.Collections.Generic;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// Where a scheduler keeps its jobs' state so that it survives a restart, and through which several schedulers share
/// jobs: APScheduler's job store. The scheduler reads the stored jobs at start, writes a job when it changes, and asks
/// the store to referee every occurrence it fires, so that an occurrence starts at most once across every scheduler
/// on the store. Code is never stored: a job is its id, a trigger's stored form, options, and state.
/// </summary>
/// <remarks>
/// <para>Without a store (<see cref="SchedulerOptions.Store"/> left <see langword="null"/>) jobs live in memory and the
/// scheduler makes none of these calls.</para>
/// <para>The scheduler calls a store from one thread at a time, never while it holds its own lock: the firing loop
/// (<see cref="Claim"/>), the caller of a control method (<see cref="SaveJob"/>, <see cref="DeleteJob"/>) and its store
/// thread (the rest). A method that cannot reach the store throws; the scheduler logs it, keeps the change, and tries
/// again with a growing delay. Implementations: <c>GenScheduler.Stores.Sqlite</c> and <c>GenScheduler.Stores.PostgreSql</c>.</para>
/// </remarks>
public interface IJobStore : IDisposable
{
    /// <summary>What the store is, for log lines and errors: <c>SQLite jobs.db</c>.</summary>
    string Name { get; }

    /// <summary>Connects, creates or migrates the schema, and registers this scheduler as a node. Called once, by <see cref="Scheduler.Start"/>.</summary>
    /// <param name="session">This node's id, its clock and the time after which a silent node counts as dead.</param>
    /// <exception cref="JobStoreException">The store cannot be opened: unreachable, corrupt, or its schema is newer than this code.</exception>
    void Open(JobStoreSession session);

    /// <summary>Every job stored and not deleted.</summary>
    /// <returns>The stored jobs.</returns>
    IReadOnlyList<StoredJob> LoadJobs();

    /// <summary>
    /// Writes the rows of jobs of the table that the store has not got, or whose <see cref="StoredJob.Fingerprint"/>
    /// differs (the schedule changed in code): a missing or deleted row is inserted as given; a row with another
    /// fingerprint is replaced, keeping its <see cref="StoredJob.Paused"/> and last run. A row with the same fingerprint
    /// is left as it is, so that of two nodes starting at once the first one's next run times stand.
    /// </summary>
    /// <param name="jobs">The proposed rows.</param>
    /// <returns>The rows as stored afterwards, for the ids proposed.</returns>
    IReadOnlyList<StoredJob> ProposeJobs(IReadOnlyList<StoredJob> jobs);

    /// <summary>Writes a change made by a user (added, paused, resumed, rescheduled, modified): the whole row but its last run.</summary>
    /// <param name="job">The job's state after the change.</param>
    void SaveJob(StoredJob job);

    /// <summary>Deletes a job; other nodes learn of it from <see cref="ReadChanges"/>.</summary>
    /// <param name="id">The job's id.</param>
    void DeleteJob(string id);

    /// <summary>
    /// Referees fires. For each claim: if the job's stored next run time is still <see cref="FireClaim.Due"/> and it is not
    /// paused, moves it to <see cref="FireClaim.Next"/> and records the run (when the claim has one), and the claim is
    /// <see cref="ClaimOutcome.Won"/>; otherwise another node fired it or the job changed, and the claim is
    /// <see cref="ClaimOutcome.Lost"/> with the row as stored now in <see cref="FireClaim.Current"/> (<see langword="null"/> if gone).
    /// All claims of a call are decided in one round trip and one commit where the store can.
    /// </summary>
    /// <param name="claims">The fires to referee; the store sets each one's outcome.</param>
    void Claim(IReadOnlyList<FireClaim> claims);

    /// <summary>
    /// Records how runs ended, and each job's last run. A completion counts only if its attempt is the run's current one:
    /// a run another node took over (at least once) cannot be completed by the node it was taken from.
    /// </summary>
    /// <param name="runs">The runs that ended.</param>
    void Complete(IReadOnlyList<RunCompletion> runs);

    /// <summary>
    /// The jobs changed (saved, proposed or deleted) after <paramref name="afterVersion"/>, by any node. Versions must become
    /// visible in increasing order: once a reader has seen version n, no change with a lower version may appear later.
    /// </summary>
    /// <param name="afterVersion">The highest <see cref="StoredJob.Version"/> seen so far; 0 for all.</param>
    /// <returns>The changed rows, deleted ones with <see cref="StoredJob.Deleted"/> set.</returns>
    IReadOnlyList<StoredJob> ReadChanges(long afterVersion);

    /// <summary>Tells the store this node is alive.</summary>
    void Heartbeat();

    /// <summary>
    /// Settles the runs of nodes that stopped heartbeating for longer than <see cref="JobStoreSession.NodeTimeout"/>: a run
    /// whose delivery is <see cref="RunDelivery.AtMostOnce"/> is marked abandoned; one that is <see cref="RunDelivery.AtLeastOnce"/>
    /// is taken over by this node with its attempt raised by one. Each run is settled by one node only.
    /// </summary>
    /// <returns>The runs settled by this call.</returns>
    IReadOnlyList<OrphanedRun> SettleOrphans();

    /// <summary>
    /// Waits until another node may have changed a job (PostgreSQL's NOTIFY), or <paramref name="timeout"/> passes. Called in
    /// a loop on a thread of its own, so at the same time as the other methods: it must use a connection of its own. A store
    /// that cannot be told of changes waits for the timeout or the cancellation and returns <see langword="false"/>; the
    /// scheduler reads changes every third of the node timeout anyway. The first call after the store starts listening (and
    /// after it listens again on a new connection) returns <see langword="true"/>, since a change may have gone unheard before.
    /// </summary>
    /// <param name="timeout">The longest wait.</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    /// <returns>Whether a change was signalled.</returns>
    bool WaitForChange(TimeSpan timeout, CancellationToken cancellationToken);
}
