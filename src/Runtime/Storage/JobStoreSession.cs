using System;

namespace GenScheduler;

/// <summary>What a store is told when a scheduler opens it.</summary>
/// <param name="NodeId">This scheduler's id among the nodes sharing the store: <see cref="SchedulerOptions.NodeId"/>.</param>
/// <param name="TimeProvider">The scheduler's clock: the store's instants (heartbeats, run records) come from it.</param>
/// <param name="NodeTimeout">How long a node may go without a heartbeat before its runs are settled by others.</param>
public sealed record JobStoreSession(string NodeId, TimeProvider TimeProvider, TimeSpan NodeTimeout);
