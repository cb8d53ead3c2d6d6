using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>
/// Sends over SMTP with MailKit, through a small pool of connections that stay open between sends
/// (connecting and authenticating per message would cap throughput at a few messages a second).
/// </summary>
internal sealed class MailKitEmailSender(IOptions<EmailOptions> options, ILogger<MailKitEmailSender> logger) : IEmailSender, IDisposable
{
    private readonly EmailOptions _options = options.Value;
    private readonly SmtpConnectionPool _pool = new(options.Value.Smtp);

    /// <summary>Builds the MIME message now (the dispatcher does it in a round's prepare stage), so the send only writes it.</summary>
    public PreparedEmail Prepare(RenderedEmail message, string recipient, string? unsubscribeUrl)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return new MimeEmail(message, recipient, unsubscribeUrl, Build(message, recipient, unsubscribeUrl), null);
        }
        catch (ParseException ex)
        {
            return new MimeEmail(message, recipient, unsubscribeUrl, null, ex.Message);
        }
    }

    /// <summary>Sends what <see cref="Prepare"/> built (a test send goes through <see cref="IEmailSender"/>'s prepare-and-send).</summary>
    public async Task<SendResult> SendAsync(PreparedEmail email, CancellationToken cancellationToken)
    {
        if (email is not MimeEmail built)
        {
            throw new ArgumentException("Only an email prepared by this sender can be sent by it.", nameof(email));
        }

        if (built.Mime is not { } mime)
        {
            return SendResult.Failed(FailureKind.InvalidRecipient, "address", built.AddressError ?? "invalid address");
        }

        var result = await SendOnceAsync(mime, fresh: false, cancellationToken);
        if (result.RetryOnFreshConnection)
        {
            // The server had closed this pooled connection before it answered MAIL FROM: nothing was taken, so the
            // message goes again at once on a new connection instead of waiting out a retry backoff.
            logger.LogDebug("Pooled SMTP connection to {Host} was closed by the server; sending again on a new one", _options.Smtp.Host);
            result = await SendOnceAsync(mime, fresh: true, cancellationToken);
        }

        return result.Result;
    }

    private async Task<(SendResult Result, bool RetryOnFreshConnection)> SendOnceAsync(MimeMessage mime, bool fresh, CancellationToken cancellationToken)
    {
        PooledSmtpClient? client = null;
        var reusable = false;
        try
        {
            client = await _pool.RentAsync(cancellationToken, fresh);
            client.StartMessage();
            await client.SendAsync(mime, cancellationToken);
            reusable = true;
            return (SendResult.Sent(mime.MessageId!), false);
        }
        catch (SmtpCommandException ex)
        {
            // The server refused this message; the connection itself is still good.
            reusable = client?.IsConnected == true;
            return (SendResult.Failed(Classify(ex)), false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException
            && client is { Reused: true, SenderAccepted: false } && !fresh)
        {
            return (SendResult.Failed(FailureKind.Transient, ex.GetType().Name, ex.Message), true);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or SocketException or TimeoutException
            or OperationCanceledException or ServiceNotConnectedException or ServiceNotAuthenticatedException or SslHandshakeException)
        {
            logger.LogWarning(ex, "SMTP send to {Host} failed; will be retried", _options.Smtp.Host);
            return (SendResult.Failed(FailureKind.Transient, ex.GetType().Name, ex.Message), false);
        }
        catch (AuthenticationException ex)
        {
            // Wrong credentials are fixed in configuration; the message itself is fine and is retried.
            return (SendResult.Failed(FailureKind.Transient, "auth", ex.Message), false);
        }
        finally
        {
            if (client is not null)
            {
                _pool.Return(client, reusable);
            }
        }
    }

    public void Dispose() => _pool.Dispose();

    internal static SendFailure Classify(SmtpCommandException ex)
    {
        var code = (int)ex.StatusCode;
        var kind = code switch
        {
            >= 400 and < 500 => FailureKind.Transient,
            _ => FailureKind.Permanent, // 550/551/553 mailbox unknown or refused, 552/554 rejected
        };
        return new SendFailure(kind, code.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{ex.ErrorCode}: {ex.Message}");
    }

    private MimeMessage Build(RenderedEmail message, string recipient, string? unsubscribeUrl)
    {
        var from = new MailboxAddress(message.FromName ?? _options.FromName ?? string.Empty, _options.From);
        var mime = new MimeMessage();
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(recipient));
        mime.Subject = message.Subject;
        mime.MessageId = message.MessageId ?? MimeUtils.GenerateMessageId(from.Domain);
        var unsubscribe = new List<string>();
        if (!string.IsNullOrWhiteSpace(_options.UnsubscribeMailto))
        {
            unsubscribe.Add($"<mailto:{_options.UnsubscribeMailto}?subject=unsubscribe>");
        }

        if (!string.IsNullOrWhiteSpace(unsubscribeUrl))
        {
            unsubscribe.Add($"<{unsubscribeUrl}>");

            // RFC 8058: mailbox providers POST to the https link, so one click unsubscribes without a page.
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        if (unsubscribe.Count > 0)
        {
            mime.Headers.Add("List-Unsubscribe", string.Join(", ", unsubscribe));
        }

        var body = new BodyBuilder
        {
            TextBody = string.IsNullOrEmpty(message.Text) ? null : message.Text,
            HtmlBody = string.IsNullOrEmpty(message.Html) ? null : message.Html,
        };
        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>The MIME message built ahead of the send, or why the recipient's address cannot be used.</summary>
    private sealed class MimeEmail(RenderedEmail message, string recipient, string? unsubscribeUrl, MimeMessage? mime, string? addressError)
        : PreparedEmail(message, recipient, unsubscribeUrl)
    {
        public MimeMessage? Mime => mime;
        public string? AddressError => addressError;
    }
}
