using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

internal static class CaptureStore
{
    public static async Task<SendResult> SaveAsync(IDbContextFactory<AutomationDb> databases, CapturedMessage captured, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.CapturedMessages.Add(captured);
        await db.SaveChangesAsync(cancellationToken);
        return SendResult.Sent(captured.ProviderMessageId);
    }
}
