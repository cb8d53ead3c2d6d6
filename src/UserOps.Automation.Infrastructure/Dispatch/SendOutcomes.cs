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
    public static DispatchReport Record(AutomationDb db, List<PendingSend> sends, DispatchReport report, RetrySchedule retries, DateTime now)
    {
        foreach (var send in sends)
        {
            var row = send.Row;
            if (send.Result is not { } result)
            {
                row.ReturnUnsent();
                report += new DispatchReport { Returned = 1 };
                continue;
            }

            var failure = result.Failure;
            db.MessageAttempts.Add(new MessageAttempt(row.Id, row.Attempts, send.StartedAt, failure?.Kind.ToString() ?? result.Status.ToString())
            {
                ProviderMessageId = result.ProviderMessageId,
                ErrorCode = Cut(failure?.ProviderCode, 50),
                ErrorMessage = Cut(failure?.Message, 1000),
                DurationMs = send.DurationMs,
            });
            foreach (var token in send.DeadTokens)
            {
                send.Contact.RemovePushToken(token);
            }

            if (failure is null)
            {
                row.Sent(result.ProviderMessageId!, now);
                report += new DispatchReport { Sent = 1 };
            }
            else if (failure.Kind == FailureKind.Transient && retries.NextAttempt(row.Attempts, now) is { } retryAt)
            {
                row.RetryAt(retryAt, $"attempt {row.Attempts} failed: {Describe(failure)}");
                report += new DispatchReport { Retrying = 1 };
            }
            else
            {
                if (failure.RecipientUnsubscribed)
                {
                    send.Contact.Consent.Unsubscribe(Channel.Sms, now);
                }

                row.Fail(failure.Kind == FailureKind.Transient ? $"gave up after {row.Attempts} attempts: {Describe(failure)}" : Describe(failure));
                report += new DispatchReport { Failed = 1 };
            }
        }

        return report;
    }

    private static string Describe(SendFailure failure) => failure.ProviderCode is { } code ? $"{code}: {failure.Message}" : failure.Message;

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

}
