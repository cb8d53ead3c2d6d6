using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace UserOps.Automation.Testing.Messaging;

/// <summary>
/// A real SMTP server (SmtpServer) on a free loopback port that keeps every message it receives. Its own
/// listener sets TCP_NODELAY: the stock one does not, and Nagle plus delayed ACK cap it at ~25 messages/s.
/// Recipients containing "nobody" are refused with 550, "busy" with 451. While <see cref="Down"/> is set,
/// or once <see cref="AcceptLimit"/> messages were accepted, every message gets 421 (service not available).
/// With <see cref="KeepMessages"/> off (benchmarks) it only counts what it accepted, so parsing 100,000 MIME
/// messages does not compete for the CPU with the senders being measured.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly NoDelayListenerFactory _listeners;
    private readonly Task _running;
    private int _sessions;
    private int _accepted;
    private long _acceptedBytes;

    private readonly SmtpServer.SmtpServer _server;

    private FakeSmtpServer(NoDelayListenerFactory listeners, SmtpServer.SmtpServer server)
    {
        _listeners = listeners;
        _server = server;
        server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _running = server.StartAsync(_stop.Token);
    }

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>Parse and keep each accepted message in <see cref="Received"/> (the default); off, only count them.</summary>
    public bool KeepMessages { get; set; } = true;

    /// <summary>Messages accepted (250) so far, kept or not.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Bytes of the accepted messages (their DATA), so a benchmark can show that two senders sent the same size.</summary>
    public long AcceptedBytes => Interlocked.Read(ref _acceptedBytes);

    /// <summary>Refuse every message with 421, as a relay that is shutting down or overloaded does.</summary>
    public bool Down { get; set; }

    /// <summary>Go <see cref="Down"/> by itself once this many messages were accepted.</summary>
    public int? AcceptLimit { get; set; }

    public int Port => _listeners.Port;

    /// <summary>SMTP sessions (TCP connections) opened so far.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>
    /// Closes every connection open now, as a relay does to connections left idle past its timeout. Call it between
    /// sends: a client that reuses such a connection finds it closed when it writes its next command.
    /// </summary>
    public void CloseIdleConnections() => _listeners.CloseAll();

    public static async Task<FakeSmtpServer> StartAsync()
    {
        var listeners = new NoDelayListenerFactory();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var store = new Store();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(store);
        var server = new SmtpServer.SmtpServer(options, services);
        var fake = new FakeSmtpServer(listeners, server);
        store.Owner = fake;
        await listeners.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // Shutting down a listener that is accepting can end either way.
        }

        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public FakeSmtpServer? Owner { get; set; }

        public override async Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var to = string.Join(",", transaction.To.Select(m => m.User));
            if (to.Contains("nobody", StringComparison.Ordinal))
            {
                return new SmtpServer.Protocol.SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 No such user");
            }

            if (Owner!.Down || Owner.Accepted >= Owner.AcceptLimit)
            {
                Owner.Down = true;
                return new SmtpServer.Protocol.SmtpResponse((SmtpReplyCode)421, "4.3.2 Service not available");
            }

            if (to.Contains("busy", StringComparison.Ordinal))
            {
                return new SmtpServer.Protocol.SmtpResponse((SmtpReplyCode)451, "4.3.0 Try again later");
            }

            if (Owner.KeepMessages)
            {
                await using var stream = new MemoryStream(buffer.ToArray());
                Owner.Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            }

            Interlocked.Add(ref Owner._acceptedBytes, buffer.Length);
            Interlocked.Increment(ref Owner._accepted);
            return SmtpServer.Protocol.SmtpResponse.Ok;
        }
    }

    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Port { get; private set; }

        public ConcurrentDictionary<Socket, bool> Open { get; } = new();

        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            Started.TrySetResult();
            return new NoDelayListener(listener, Open);
        }

        public void CloseAll()
        {
            foreach (var socket in Open.Keys)
            {
                Open.TryRemove(socket, out _);
                try
                {
                    socket.Shutdown(SocketShutdown.Both);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    // Already closed by its session.
                }

                socket.Close();
            }
        }
    }

    private sealed class NoDelayListener(TcpListener listener, ConcurrentDictionary<Socket, bool> open) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var socket = await listener.AcceptSocketAsync(cancellationToken);
            socket.NoDelay = true;
            open[socket] = true;
            return new SocketPipe(new NetworkStream(socket, ownsSocket: true));
        }

        public void Dispose() => listener.Stop();
    }

    /// <summary>The duplex pipe SmtpServer reads commands from and writes replies to; STARTTLS swaps in an SslStream.</summary>
    private sealed class SocketPipe(Stream stream) : ISecurableDuplexPipe
    {
        private Stream _stream = stream;

        public PipeReader Input { get; private set; } = PipeReader.Create(stream);
        public PipeWriter Output { get; private set; } = PipeWriter.Create(stream);
        public bool IsSecure { get; private set; }
        public SslProtocols SslProtocol { get; private set; }

        public async Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default)
        {
            var ssl = new SslStream(_stream, leaveInnerStreamOpen: true);
            await ssl.AuthenticateAsServerAsync(certificate, false, protocols, true);
            _stream = ssl;
            Input = PipeReader.Create(ssl);
            Output = PipeWriter.Create(ssl);
            IsSecure = true;
            SslProtocol = ssl.SslProtocol;
        }

        public void Dispose() => _stream.Dispose();
    }
}
