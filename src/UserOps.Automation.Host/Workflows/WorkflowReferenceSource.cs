using Microsoft.EntityFrameworkCore;
using Quartz;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Workflows;

namespace UserOps.Automation.Host.Workflows;

/// <summary>Cron syntax is Quartz's; template keys are those of the template store.</summary>
internal sealed class WorkflowReferenceSource(IDbContextFactory<AutomationDb> dbFactory) : IWorkflowReferenceSource
{
    public static string? CheckCron(string cron)
    {
        try
        {
            _ = CronExpression.Parse(cron);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    public async Task<IReadOnlySet<string>?> TemplateKeysAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.MessageTemplates.Select(t => t.Key).Distinct().ToListAsync(cancellationToken);
        return keys.ToHashSet(StringComparer.Ordinal);
    }

    public string? CronError(string cron) => CheckCron(cron);
}
