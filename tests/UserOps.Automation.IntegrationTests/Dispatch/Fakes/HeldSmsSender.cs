using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.IntegrationTests.Dispatch.Fakes;

/// <summary>An SMS sender whose first <c>held</c> sends wait for a signal (bounded, so a missing signal fails the test), then answer as told.</summary>
internal sealed class HeldSmsSender(Task release, int held, SendResult? answer = null) : ISmsSender
{
    private int _calls;

    public List<string> Recipients { get; } = [];

    public int Calls => Volatile.Read(ref _calls);

    public async Task<SendResult> SendAsync(RenderedSms message, string recipient, CancellationToken cancellationToken)
    {
        lock (Recipients)
        {
            Recipients.Add(recipient);
        }

        if (Interlocked.Increment(ref _calls) <= held)
        {
            await release.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        return answer ?? SendResult.Accepted($"SM{Guid.NewGuid():N}");
    }
}
