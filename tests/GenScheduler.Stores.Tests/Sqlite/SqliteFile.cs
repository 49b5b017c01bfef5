using System;
using System.IO;

namespace GenScheduler.Stores.Tests.Sqlite;

/// <summary>A real SQLite file in a folder of its own, deleted with the test.</summary>
internal sealed class SqliteFile : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("genscheduler-sqlite-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "jobs.db");

    /// <summary>A new store object on the file, as a new process would make.</summary>
    public SqliteJobStore Open() => new(Path);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a failed test; the temp folder is cleaned by the system.
        }
    }
}
