using Quartz;
using UserOps.Automation.Infrastructure.Workflows;

namespace UserOps.Automation.Host.Workflows;

/// <summary>Cron syntax is Quartz's; template keys come from the template store once it exists (null: not checked).</summary>
internal sealed class WorkflowReferenceSource : IWorkflowReferenceSource
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

    public Task<IReadOnlySet<string>?> TemplateKeysAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlySet<string>?>(null);

    public string? CronError(string cron) => CheckCron(cron);
}
