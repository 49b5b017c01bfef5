using System;
using System.Threading.Tasks;

namespace GenScheduler.Workloads;

/// <summary>
/// One implementation under test. Every peer gets the same jobs: <c>count</c> interval jobs, job <c>i</c> first due at
/// <c>firstDue(i)</c> and then every <c>interval</c>, each run calling <see cref="Probe.Ran(long)"/> with the peer's own
/// scheduled time for it.
/// </summary>
internal interface IPeer : IAsyncDisposable
{
    /// <summary>Builds and adds the jobs, as a user of the library would (timed as registration).</summary>
    void Add(int count, TimeSpan interval, Func<int, DateTimeOffset> firstDue);

    /// <summary>Whatever the peer needs just before its start that is not the start itself (untimed).</summary>
    void BeforeStart()
    {
    }

    /// <summary>Starts firing (timed as the start).</summary>
    Task StartAsync();
}
