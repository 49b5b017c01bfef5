using System.Threading;

namespace GenScheduler;

/// <summary>What the control calls work with: the scheduler's lock and the parts they change under it.</summary>
internal sealed record ControlParts(
    Lock Gate, JobRegistry Registry, RunPlanner Planner, FiringLoop Loop, RunExecutor Executor, SchedulerLifecycle Lifecycle, StoreLink? Store);
