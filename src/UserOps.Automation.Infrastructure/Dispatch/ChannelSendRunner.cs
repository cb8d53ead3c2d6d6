using System.Diagnostics;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>
/// Hands a round's messages to the channel senders: channels side by side, each with at most its
/// <c>MaxConcurrent</c> sends in flight. A transient failure feeds the channel's circuit; once it has opened
/// since the round was claimed (by this round's failures or an earlier round's), the channel's remaining
/// messages of the round are not sent (they go back to the queue with no attempt used).
/// </summary>
internal sealed class ChannelSendRunner(IEmailSender email, ISmsSender sms, IPushSender push, ChannelGates gates, TimeProvider time)
{
    public Task RunAsync(IReadOnlyList<PendingSend> sends, IReadOnlyDictionary<Channel, int> openings, CancellationToken cancellationToken) =>
        Task.WhenAll(sends.GroupBy(s => s.Row.Channel).Select(g => RunChannelAsync(g.Key, [.. g], openings[g.Key], cancellationToken)));

    private async Task RunChannelAsync(Channel channel, List<PendingSend> sends, int openings, CancellationToken cancellationToken)
    {
        var gate = gates[channel];
        var options = new ParallelOptions { MaxDegreeOfParallelism = gate.MaxConcurrent, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(sends, options, async (send, token) =>
        {
            // Already failed before the send stage (an email that could not be built): nothing to hand over.
            if (send.Result is not null)
            {
                return;
            }

            if (gate.Circuit.Openings != openings)
            {
                return;
            }

            send.StartedAt = time.GetUtcNow().UtcDateTime;
            var started = Stopwatch.GetTimestamp();
            send.Result = await SendAsync(send, token);
            send.DurationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (send.Result.Failure?.Kind == FailureKind.Transient)
            {
                gate.Circuit.Failed(time.GetUtcNow().UtcDateTime);
            }
            else
            {
                gate.Circuit.Succeeded();
            }
        });
    }

    private async Task<SendResult> SendAsync(PendingSend send, CancellationToken cancellationToken)
    {
        switch (send.Message)
        {
            case RenderedEmail:
                // Built in the prepare stage (ADR 0011 item 7): the one way an email reaches its sender.
                return await email.SendAsync(send.Email ?? throw new InvalidOperationException($"Email {send.Row.Id} was not prepared."), cancellationToken);
            case RenderedSms message:
                return await sms.SendAsync(message, send.Contact.Phone!, cancellationToken);
            case RenderedPush message:
                return await PushAsync(send, message, cancellationToken);
            default:
                return SendResult.Failed(FailureKind.Permanent, "channel", $"No sender for {send.Message.GetType().Name}.");
        }
    }

    /// <summary>To every device of the contact: sent if any took it; dead tokens are noted for removal.</summary>
    private async Task<SendResult> PushAsync(PendingSend send, RenderedPush message, CancellationToken cancellationToken)
    {
        SendResult? sent = null;
        SendResult? failed = null;
        foreach (var token in send.Contact.PushTokens.ToList())
        {
            var result = await push.SendAsync(message, token, cancellationToken);
            if (result.Succeeded)
            {
                sent ??= result;
                continue;
            }

            if (result.Failure!.Kind == FailureKind.InvalidRecipient)
            {
                send.DeadTokens.Add(token.Token);
            }

            // A transient failure outranks a dead token: retrying may still reach the device that had trouble.
            if (failed is null || result.Failure.Kind == FailureKind.Transient)
            {
                failed = result;
            }
        }

        return sent ?? failed ?? SendResult.Failed(FailureKind.InvalidRecipient, "no-token", "The contact has no push token.");
    }
}
