using System.Threading.Tasks;

namespace GenScheduler.Stores.Tests.Sqlite;

/// <summary>The restart table on a real SQLite file, a new one per test.</summary>
public sealed class SqliteRestartTests : RestartTests
{
    private readonly SqliteFile _file = new();

    protected override IJobStore OpenStore() => _file.Open();

    public override Task DisposeAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }
}
