using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.IntegrationTests.Dispatch.Fakes;

/// <summary>
/// An email sender that notes every email it was asked to prepare, and whose first <c>held</c> sends wait for a
/// signal (bounded, so a missing signal fails the test), then answer as told.
/// </summary>
internal sealed class HeldEmailSender(Task release, int held, SendResult? answer = null) : IEmailSender
{
    private readonly HashSet<PreparedEmail> _prepared = [];
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public int Prepared
    {
        get
        {
            lock (_prepared)
            {
                return _prepared.Count;
            }
        }
    }

    /// <summary>The recipients of the emails handed to <see cref="SendAsync(PreparedEmail, CancellationToken)"/>, in no particular order.</summary>
    public List<string> SentTo { get; } = [];

    /// <summary>Sends that were handed an email this sender had not prepared (built in the send stage instead).</summary>
    public int SentUnprepared { get; private set; }

    public PreparedEmail Prepare(RenderedEmail message, string recipient, string? unsubscribeUrl)
    {
        var email = new PreparedEmail(message, recipient, unsubscribeUrl);
        lock (_prepared)
        {
            _prepared.Add(email);
        }

        return email;
    }

    public async Task<SendResult> SendAsync(PreparedEmail email, CancellationToken cancellationToken)
    {
        lock (_prepared)
        {
            SentUnprepared += _prepared.Contains(email) ? 0 : 1;
            SentTo.Add(email.Recipient);
        }

        if (Interlocked.Increment(ref _calls) <= held)
        {
            await release.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        return answer ?? SendResult.Sent($"<{Guid.NewGuid():N}@example.com>");
    }
}
