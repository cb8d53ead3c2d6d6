using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Dispatch;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>
/// What a round's sends did, written back: one attempt row each, the row's next status (sent, retry with
/// backoff, failed with the reason), and the contact's dead push tokens and dropped SMS consent (Twilio 21610).
/// </summary>
internal static class SendOutcomes
{
    /// <summary>
    /// Writes the round's outcomes in one transaction: attempts as multi-row inserts, sent rows set-based
    /// (<see cref="OutboxRowUpdates"/>), and the rare other outcomes (retry, failure, returned) and contact changes
    /// through change tracking. The rows and contacts arrive untracked.
    /// </summary>
    public static async Task<DispatchReport> RecordAsync(AutomationDb db, List<PendingSend> sends, DispatchReport report, RetrySchedule retries, DateTime now, CancellationToken cancellationToken)
    {
        var attempts = new List<MessageAttempt>(sends.Count);
        var sent = new List<OutboxMessage>(sends.Count);
        var contacts = new Dictionary<long, Contact>();
        foreach (var send in sends)
        {
            var row = send.Row;
            if (send.Result is not { } result)
            {
                db.Attach(row);
                row.ReturnUnsent();
                report += new DispatchReport { Returned = 1 };
                continue;
            }

            var failure = result.Failure;
            attempts.Add(new MessageAttempt(row.Id, row.Attempts, send.StartedAt, failure?.Kind.ToString() ?? result.Status.ToString())
            {
                ProviderMessageId = result.ProviderMessageId,
                ErrorCode = Cut(failure?.ProviderCode, 50),
                ErrorMessage = Cut(failure?.Message, 1000),
                DurationMs = send.DurationMs,
            });
            foreach (var token in send.DeadTokens)
            {
                (await TrackedAsync(db, contacts, send.Contact.Id, cancellationToken)).RemovePushToken(token);
            }

            if (failure is null)
            {
                row.Sent(result.ProviderMessageId!, now);
                sent.Add(row);
                report += new DispatchReport { Sent = 1 };
                continue;
            }

            db.Attach(row);
            if (failure.Kind == FailureKind.Transient && retries.NextAttempt(row.Attempts, now) is { } retryAt)
            {
                row.RetryAt(retryAt, $"attempt {row.Attempts} failed: {Describe(failure)}");
                report += new DispatchReport { Retrying = 1 };
            }
            else
            {
                if (failure.RecipientUnsubscribed)
                {
                    (await TrackedAsync(db, contacts, send.Contact.Id, cancellationToken)).Consent.Unsubscribe(Channel.Sms, now);
                }

                row.Fail(failure.Kind == FailureKind.Transient ? $"gave up after {row.Attempts} attempts: {Describe(failure)}" : Describe(failure));
                report += new DispatchReport { Failed = 1 };
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BatchedInsert.InsertAsync(db, attempts, cancellationToken);
        await OutboxRowUpdates.MarkSentAsync(db, sent, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return report;
    }

    /// <summary>The contact as a tracked entity, loaded once per round, for the few outcomes that change it.</summary>
    private static async Task<Contact> TrackedAsync(AutomationDb db, Dictionary<long, Contact> contacts, long id, CancellationToken cancellationToken)
    {
        if (!contacts.TryGetValue(id, out var contact))
        {
            contact = await db.Contacts.Include(c => c.PushTokens).SingleAsync(c => c.Id == id, cancellationToken);
            contacts[id] = contact;
        }

        return contact;
    }

    private static string Describe(SendFailure failure) => failure.ProviderCode is { } code ? $"{code}: {failure.Message}" : failure.Message;

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

}
