using System.Net;
using System.Net.Sockets;

namespace SchemaDrift.Tests.Robustness;

/// <summary>
/// A loopback TCP proxy in front of a real server that can drop the connection abruptly
/// (RST) after a given number of bytes from the server: "the server closed the connection
/// in the middle of introspection", reproducibly.
/// </summary>
internal sealed class CuttingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private long _bytesFromServer;

    public CuttingProxy(string host, int port)
    {
        _host = host;
        _port = port;
        _listener.Start();
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Drop every connection once this many bytes came from the server in total (null: never).</summary>
    public long? CutAfter { get; set; }

    public long BytesFromServer => Interlocked.Read(ref _bytesFromServer);

    public void ResetCount() => Interlocked.Exchange(ref _bytesFromServer, 0);

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            _ = Relay(client);
        }
    }

    private async Task Relay(TcpClient client)
    {
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_host, _port);
            using var cut = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = Pump(client.GetStream(), server.GetStream(), false, cut);
            var down = Pump(server.GetStream(), client.GetStream(), true, cut);
            await Task.WhenAny(up, down);
            cut.Cancel();
        }
        catch (Exception)
        {
        }
        finally
        {
            client.Client.LingerState = new LingerOption(true, 0); // RST, like a crashed server
            client.Close();
        }
    }

    private async Task Pump(Stream from, Stream to, bool fromServer, CancellationTokenSource cut)
    {
        var buffer = new byte[4096];
        while (!cut.IsCancellationRequested)
        {
            var n = await from.ReadAsync(buffer, cut.Token);
            if (n == 0) return;
            if (fromServer)
            {
                var total = Interlocked.Add(ref _bytesFromServer, n);
                if (CutAfter is long limit && total >= limit)
                {
                    var allowed = (int)Math.Max(0, n - (total - limit));
                    if (allowed > 0) await to.WriteAsync(buffer.AsMemory(0, allowed), cut.Token);
                    return; // drop it here
                }
            }
            await to.WriteAsync(buffer.AsMemory(0, n), cut.Token);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
