using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>One message of a round that passed the guards and was marked sending, with what its send reported.</summary>
internal sealed class PendingSend(OutboxMessage row, Contact contact, RenderedMessage message)
{
    public OutboxMessage Row => row;
    public Contact Contact => contact;
    public RenderedMessage Message => message;

    /// <summary>An email as its sender built it in the prepare stage, so the send stage only hands it over; null for other channels.</summary>
    public PreparedEmail? Email { get; set; }

    /// <summary>The signed one-click unsubscribe link of an email (its List-Unsubscribe headers and the body's link).</summary>
    public string? UnsubscribeUrl { get; init; }

    /// <summary>Null when it was never handed to the provider (the channel's circuit opened meanwhile).</summary>
    public SendResult? Result { get; set; }

    public List<string> DeadTokens { get; } = [];

    public DateTime StartedAt { get; set; }
    public long DurationMs { get; set; }
}
