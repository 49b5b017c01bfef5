using System;
using System.IO;
using System.Net.Sockets;
using Npgsql;

namespace GenScheduler;

/// <summary>What went wrong talking to the server, in words an operator can act on.</summary>
internal static class PostgreSqlErrors
{
    /// <summary>The failures of reaching or using the server, which become a <see cref="JobStoreException"/>; anything else is a bug and goes up as it is.</summary>
    public static bool IsStoreFailure(Exception e) => e is NpgsqlException or SocketException or TimeoutException or IOException;

    /// <summary>
    /// Whether the server ended the connection before it ran anything of ours: it was shutting down when the connection
    /// was idle in the pool. Then the same call may be made once more, on a new connection, without running twice.
    /// </summary>
    public static bool IsStaleConnection(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown };

    /// <summary>The cause, for the message: the server's refusal, the network's error, or the timeout that ran out.</summary>
    /// <param name="e">The failure.</param>
    /// <param name="settings">The store's connection settings, to name the host, database and user.</param>
    /// <param name="connected">Whether the connection had opened, so that a timeout is the command's rather than the connect's.</param>
    public static string Describe(Exception e, NpgsqlConnectionStringBuilder settings, bool connected)
    {
        if (Find<PostgresException>(e) is { } pg)
        {
            return DescribeServer(pg, settings);
        }

        if (Find<SocketException>(e) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused =>
                    $"the connection to {settings.Host}:{settings.Port} was refused: is the server running, and listening on that address and port?",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain =>
                    $"the host \"{settings.Host}\" is not known ({socket.SocketErrorCode})",
                SocketError.TimedOut =>
                    $"the server at {settings.Host}:{settings.Port} did not answer ({socket.Message})",
                SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown =>
                    $"the connection to the server was lost ({socket.SocketErrorCode}); the server stopped, or the network broke",
                _ => $"network error {socket.SocketErrorCode} talking to {settings.Host}:{settings.Port}: {socket.Message}",
            };
        }

        if (Find<TimeoutException>(e) is not null)
        {
            return connected
                ? $"the server did not answer within the command timeout of {settings.CommandTimeout} s"
                : $"no connection to {settings.Host}:{settings.Port} within the connect timeout of {settings.Timeout} s";
        }

        if (Find<IOException>(e) is { } io)
        {
            return $"the connection to the server was lost ({io.Message}); the server stopped, or the network broke";
        }

        return e.Message;
    }

    private static string DescribeServer(PostgresException pg, NpgsqlConnectionStringBuilder settings)
    {
        string user = settings.Username ?? "(default)";
        return pg.SqlState switch
        {
            PostgresErrorCodes.InvalidPassword =>
                $"the server refused the password of user \"{user}\" (28P01: {pg.MessageText})",
            PostgresErrorCodes.InvalidAuthorizationSpecification =>
                $"the server refused the login of user \"{user}\" (28000: {pg.MessageText}); check the user name, and pg_hba.conf on the server",
            PostgresErrorCodes.InvalidCatalogName =>
                $"the database \"{settings.Database}\" does not exist (3D000: {pg.MessageText}); create it, or name another in the connection string",
            PostgresErrorCodes.InsufficientPrivilege =>
                $"user \"{user}\" lacks a privilege the store needs (42501: {pg.MessageText})",
            PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown =>
                $"the server is shutting down or restarting ({pg.SqlState}: {pg.MessageText})",
            PostgresErrorCodes.CannotConnectNow =>
                $"the server is starting up or recovering and takes no connections yet (57P03: {pg.MessageText})",
            PostgresErrorCodes.TooManyConnections =>
                $"the server has no connection to spare (53300: {pg.MessageText})",
            PostgresErrorCodes.QueryCanceled =>
                $"the statement was cancelled, after the command timeout of {settings.CommandTimeout} s or by an administrator (57014: {pg.MessageText})",
            PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure =>
                $"the server aborted the transaction to resolve a conflict with another one; it is tried again ({pg.SqlState}: {pg.MessageText})",
            PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn or PostgresErrorCodes.InvalidSchemaName =>
                $"the store's tables are not as this GenScheduler made them; were they dropped or altered? ({pg.SqlState}: {pg.MessageText})",
            _ => $"PostgreSQL error {pg.SqlState}: {pg.MessageText}",
        };
    }

    private static T? Find<T>(Exception e)
        where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
