using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler.Stores.Tests.PostgreSql;

/// <summary>
/// A TCP relay on loopback between a store and the server that counts round trips: a round trip is the client
/// sending after the server last spoke on that connection. PostgreSQL's extended protocol answers nothing before the
/// client's Sync (the server buffers its replies until then), so however many TCP segments a large request takes, one
/// request-and-reply is one count; a second statement, a BEGIN or a COMMIT sent after a reply would be a second.
/// </summary>
internal sealed class RoundTripCounter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private readonly List<string> _traffic = [];
    private readonly Task _accepting;
    private int _roundTrips;

    public RoundTripCounter(string host, int port)
    {
        _host = host;
        _port = port;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int RoundTrips => Volatile.Read(ref _roundTrips);

    public void Reset()
    {
        Interlocked.Exchange(ref _roundTrips, 0);
        lock (_traffic)
        {
            _traffic.Clear();
        }
    }

    /// <summary>Each read relayed since the last <see cref="Reset"/>: who sent it, its size and its first byte (a message type, if one starts there), for a failure's message.</summary>
    public string Traffic
    {
        get
        {
            lock (_traffic)
            {
                return string.Join(", ", _traffic);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting.WaitAsync(TimeSpan.FromSeconds(10));
            Task[] pumps;
            lock (_pumps)
            {
                pumps = [.. _pumps];
            }

            await Task.WhenAll(pumps).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or System.IO.IOException)
        {
            // The relay is going; its connections end with it.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_pumps)
            {
                _pumps.Add(RelayAsync(client));
            }
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_host, _port, _stop.Token);
                var turn = new Turn();
                var up = PumpAsync(client.GetStream(), server.GetStream(), turn, fromClient: true);
                var down = PumpAsync(server.GetStream(), client.GetStream(), turn, fromClient: false);
                await Task.WhenAny(up, down);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or System.IO.IOException)
            {
                // One side closed: the relay of this connection ends, closing the other.
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, Turn turn, bool fromClient)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                int read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                lock (turn)
                {
                    if (fromClient && !turn.ClientSpeaking)
                    {
                        Interlocked.Increment(ref _roundTrips);
                    }

                    turn.ClientSpeaking = fromClient;
                    lock (_traffic)
                    {
                        _traffic.Add($"{(fromClient ? "client" : "server")} {read} B '{(char)buffer[0]}'");
                    }
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or System.IO.IOException)
        {
            // The connection ended.
        }
    }

    /// <summary>Who spoke last on one relayed connection.</summary>
    private sealed class Turn
    {
        public bool ClientSpeaking { get; set; }
    }
}
