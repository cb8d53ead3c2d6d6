using MailKit.Security;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>Email channel. <c>Capture</c> (default) keeps messages in the database; <c>Smtp</c> sends through MailKit.</summary>
public sealed class EmailOptions : IChannelOptions
{
    public const string SectionName = "Email";

    public EmailMode Mode { get; set; } = EmailMode.Capture;

    /// <summary>Sender address; its domain also names the Message-IDs.</summary>
    public string From { get; set; } = "no-reply@localhost";

    public string? FromName { get; set; }

    /// <summary>Mailbox for <c>List-Unsubscribe: &lt;mailto:…&gt;</c>; left out when empty.</summary>
    public string? UnsubscribeMailto { get; set; }

    public SmtpSettings Smtp { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (Mode != EmailMode.Smtp)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Smtp.Host))
        {
            yield return "Email:Smtp:Host is required when Email:Mode is Smtp.";
        }

        if (Smtp.Port is <= 0 or > 65535)
        {
            yield return "Email:Smtp:Port must be 1-65535.";
        }

        if (Smtp.PoolSize is < 1 or > 64)
        {
            yield return "Email:Smtp:PoolSize must be 1-64.";
        }

        if (!From.Contains('@', StringComparison.Ordinal))
        {
            yield return "Email:From must be an email address.";
        }
    }
}

public enum EmailMode
{
    Capture,
    Smtp,
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = string.Empty;
    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (587), <c>SslOnConnect</c> (465), <c>None</c> (a local relay), or <c>Auto</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>Leave empty for a relay without authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>Prefer the environment variable <c>Email__Smtp__Password</c> to a file.</summary>
    public string? Password { get; set; }

    /// <summary>SMTP connections kept open and reused across sends.</summary>
    public int PoolSize { get; set; } = 4;

    public int TimeoutSeconds { get; set; } = 30;
}
