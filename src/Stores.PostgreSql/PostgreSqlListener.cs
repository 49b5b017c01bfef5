using System;
using System.Diagnostics;
using System.Threading;
using Npgsql;

namespace GenScheduler;

/// <summary>
/// <see cref="IJobStore.WaitForChange"/>: a connection of its own that LISTENs on the schema's channel, which every
/// save, delete and proposal NOTIFYs when it commits. Called on a thread of its own, at the same time as the store's
/// other methods, which never touch this connection.
/// </summary>
/// <remarks>
/// A notification's payload is the node that wrote, so this node's own writes do not wake it. A connection that breaks
/// is dropped and made again on the next call, which then reports a change, since one may have gone by unheard; and a
/// wait that timed out is followed by a <c>SELECT 1</c> before the next one, so a connection that died silently (a
/// network gone, not a server stopped) is found within the command timeout rather than never.
/// </remarks>
internal sealed class PostgreSqlListener : IDisposable
{
    /// <summary>The longest single wait Npgsql takes, in milliseconds; 0 would mean forever.</summary>
    private const int LongestWait = int.MaxValue;

    private readonly NpgsqlDataSource _source;
    private readonly string _channel;
    private readonly string _self;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposing = new();
    private NpgsqlConnection? _connection;
    // True before the first LISTEN too: whatever changed between the scheduler's start and that LISTEN was not heard.
    private bool _missed = true;
    private bool _idle;
    private bool _disposed;
    private int _signalled;

    public PostgreSqlListener(NpgsqlDataSource source, string channel, string self)
    {
        _source = source;
        _channel = channel;
        _self = self;
    }

    /// <summary>Waits for another node's notification, or the timeout.</summary>
    /// <param name="timeout">The longest wait; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="cancellationToken">Ends the wait with an <see cref="OperationCanceledException"/>.</param>
    /// <param name="failure">Makes the exception to throw of a failure, given whether the connection was open.</param>
    /// <returns>Whether a change was signalled.</returns>
    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken, Func<Exception, bool, JobStoreException> failure)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
            bool connected = false;
            try
            {
                if (_connection is null)
                {
                    _connection = Connect();
                    connected = true;
                    if (_missed)
                    {
                        _missed = false;
                        return true;
                    }
                }
                else if (_idle)
                {
                    // Any notification that came meanwhile is read here, through the event.
                    using var ping = new NpgsqlCommand("SELECT 1", _connection);
                    ping.ExecuteNonQuery();
                }

                connected = true;
                _idle = false;
                return WaitOnConnection(_connection, timeout, linked.Token);
            }
            catch (Exception) when (linked.IsCancellationRequested)
            {
                // Npgsql breaks a connection whose wait is cancelled: a new one is made next time.
                Drop();
                cancellationToken.ThrowIfCancellationRequested();
                throw new ObjectDisposedException(nameof(PostgreSqlJobStore));
            }
            catch (Exception e) when (PostgreSqlErrors.IsStoreFailure(e))
            {
                Drop();
                throw failure(e, connected);
            }
        }
    }

    public void Dispose()
    {
        // First end a wait in progress, then take the gate it held.
        _disposing.Cancel();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connection?.Dispose();
            _connection = null;
        }

        _disposing.Dispose();
    }

    private bool WaitOnConnection(NpgsqlConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        bool forever = timeout == Timeout.InfiniteTimeSpan;
        long start = Stopwatch.GetTimestamp();
        while (true)
        {
            if (Interlocked.Exchange(ref _signalled, 0) != 0)
            {
                return true;
            }

            TimeSpan left = forever ? TimeSpan.MaxValue : timeout - Stopwatch.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                _idle = true;
                return false;
            }

            // At least a millisecond, since Npgsql takes 0 for no limit.
            var wait = TimeSpan.FromMilliseconds(Math.Clamp(Math.Ceiling(left.TotalMilliseconds), 1, LongestWait));
            if (!connection.WaitAsync(wait, cancellationToken).GetAwaiter().GetResult() && !forever && wait >= left)
            {
                _idle = Interlocked.Exchange(ref _signalled, 0) == 0;
                return !_idle;
            }

            // A message came (ours, a notice, a parameter change) or a long wait ended: wait on for the rest.
        }
    }

    private NpgsqlConnection Connect()
    {
        var connection = _source.OpenConnection();
        try
        {
            connection.Notification += OnNotification;
            using var listen = new NpgsqlCommand($"LISTEN \"{_channel}\"", connection);
            listen.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Channel == _channel && e.Payload != _self)
        {
            Interlocked.Exchange(ref _signalled, 1);
        }
    }

    private void Drop()
    {
        if (_connection is null)
        {
            return;
        }

        _connection.Notification -= OnNotification;
        try
        {
            _connection.Dispose();
        }
        catch (Exception e) when (PostgreSqlErrors.IsStoreFailure(e))
        {
            // Closing a broken connection may fail; it is gone either way.
        }

        _connection = null;
        _missed = true;
    }
}
