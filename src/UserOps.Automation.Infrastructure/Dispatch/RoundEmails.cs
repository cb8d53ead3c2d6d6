using System.Collections.Concurrent;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>Builds a prepared round's emails (ADR 0011 item 7, ADR 0023 item 2, ADR 0025).</summary>
internal static class RoundEmails
{
    // Below this many emails a round builds them on its own thread: handing out work costs more than it saves.
    private const int ParallelBuildFrom = 32;

    /// <summary>
    /// The round's emails built here, in the prepare stage, so that the send stage only writes bytes to the connections
    /// (ADR 0011 item 7); side by side on every core (ADR 0023), as building them one after the other held up the
    /// round behind it and kept the connections waiting. Nothing leaves here, and each email is built once.
    /// </summary>
    public static void Build(IEmailSender email, TimeProvider time, List<PendingSend> sends)
    {
        var emails = sends.Where(s => s.Message is RenderedEmail).ToArray();
        void BuildOne(PendingSend send)
        {
            try
            {
                send.Email = email.Prepare((RenderedEmail)send.Message, send.Contact.Email!, send.UnsubscribeUrl);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Committed as Sending already: never handed over, recorded as this send's permanent failure.
                send.StartedAt = time.GetUtcNow().UtcDateTime;
                send.Result = SendResult.Failed(FailureKind.Permanent, "build", $"the email could not be built: {ex.Message}");
            }
        }

        if (emails.Length < ParallelBuildFrom)
        {
            foreach (var send in emails)
            {
                BuildOne(send);
            }

            return;
        }

        Parallel.ForEach(
            Partitioner.Create(0, emails.Length, Math.Max(ParallelBuildFrom / 2, emails.Length / (Environment.ProcessorCount * 4))),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    BuildOne(emails[i]);
                }
            });
    }
}
