using System.Net;
using System.Net.Sockets;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Messaging.Channels;
using UserOps.Automation.Testing.Messaging;

namespace UserOps.Automation.IntegrationTests.Messaging;

public sealed class MailKitEmailSenderTests : IAsyncLifetime
{
    private FakeSmtpServer _smtp = null!;

    public async Task InitializeAsync() => _smtp = await FakeSmtpServer.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    private static RenderedEmail Email(string subject = "We miss you") =>
        new("recall-email-30d", 3, "en", subject, "<p>Hi Amy, <a href=\"https://example.com/u/abc\">unsubscribe</a></p>", "Hi Amy. Unsubscribe: https://example.com/u/abc", "Shop Team");

    /// <summary>As a test send does: rendered, prepared and sent in one go, through the port.</summary>
    private static Task<SendResult> SendAsync(IEmailSender sender, RenderedEmail email, string recipient, string? unsubscribeUrl) =>
        sender.SendAsync(email, recipient, unsubscribeUrl, CancellationToken.None);

    private static MailKitEmailSender Sender(int port, int poolSize = 2) => new(Options.Create(new EmailOptions
    {
        Mode = EmailMode.Smtp,
        From = "news@shop.example",
        UnsubscribeMailto = "unsubscribe@shop.example",
        Smtp = new SmtpSettings { Host = "127.0.0.1", Port = port, Security = SecureSocketOptions.None, PoolSize = poolSize, TimeoutSeconds = 5 },
    }), NullLogger<MailKitEmailSender>.Instance);

    [Fact]
    public async Task Send_DeliversMultipartWithOneClickUnsubscribeHeaders()
    {
        using var sender = Sender(_smtp.Port);

        var result = await SendAsync(sender, Email(), "amy@example.com", "https://example.com/u/abc");

        Assert.True(result.Succeeded, result.Failure?.Message);
        var mime = Assert.Single(_smtp.Received);
        Assert.Equal(result.ProviderMessageId, mime.MessageId);
        Assert.EndsWith("shop.example", mime.MessageId, StringComparison.Ordinal);
        Assert.Equal("\"Shop Team\" <news@shop.example>", mime.From.ToString());
        Assert.Equal("We miss you", mime.Subject);
        Assert.Equal("<mailto:unsubscribe@shop.example?subject=unsubscribe>, <https://example.com/u/abc>", mime.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mime.Headers["List-Unsubscribe-Post"]);
        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Equal(2, alternative.Count);
        Assert.Contains("https://example.com/u/abc", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/u/abc\"", mime.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ManyMessages_ReusesAtMostPoolSizeConnections_WithUniqueMessageIds()
    {
        using var sender = Sender(_smtp.Port, poolSize: 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SendAsync(sender, Email($"n{i}"), $"user{i}@example.com", null)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure?.Message));
        Assert.Equal(20, _smtp.Received.Count);
        Assert.Equal(20, _smtp.Received.Select(m => m.MessageId).Distinct().Count());
        Assert.InRange(_smtp.Sessions, 1, 2);
    }

    [Fact]
    public async Task Send_OnPooledConnectionTheServerClosed_GoesAtOnceOnAFreshConnection()
    {
        using var sender = Sender(_smtp.Port, poolSize: 1);
        var first = await SendAsync(sender, Email("first"), "amy@example.com", null);

        _smtp.CloseIdleConnections();
        var second = await SendAsync(sender, Email("second"), "bob@example.com", null);

        Assert.True(first.Succeeded, first.Failure?.Message);
        Assert.True(second.Succeeded, second.Failure?.Message);
        Assert.Equal(["first", "second"], _smtp.Received.Select(m => m.Subject));
        Assert.Equal(2, _smtp.Sessions);
    }

    [Fact]
    public async Task Send_UnknownMailbox_IsPermanent_AndConnectionStaysUsable()
    {
        using var sender = Sender(_smtp.Port, poolSize: 1);

        var refused = await SendAsync(sender, Email(), "nobody@example.com", null);
        var next = await SendAsync(sender, Email(), "amy@example.com", null);

        Assert.Equal(FailureKind.Permanent, refused.Failure!.Kind);
        Assert.Equal("550", refused.Failure.ProviderCode);
        Assert.True(next.Succeeded);
        Assert.Equal(1, _smtp.Sessions);
    }

    [Fact]
    public async Task Send_4xxReply_IsTransient()
    {
        using var sender = Sender(_smtp.Port);

        var result = await SendAsync(sender, Email(), "busy@example.com", null);

        Assert.Equal(FailureKind.Transient, result.Failure!.Kind);
        Assert.Equal("451", result.Failure.ProviderCode);
    }

    [Fact]
    public async Task Send_ServerDown_IsTransient()
    {
        // A port that was free a moment ago: nothing listens there.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var sender = Sender(port);

        var result = await SendAsync(sender, Email(), "amy@example.com", null);

        Assert.False(result.Succeeded);
        Assert.Equal(FailureKind.Transient, result.Failure!.Kind);
    }
}
