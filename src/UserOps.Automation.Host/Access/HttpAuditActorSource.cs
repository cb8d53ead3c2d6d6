using UserOps.Automation.Core.Audit;
using UserOps.Automation.Infrastructure.Audit;

namespace UserOps.Automation.Host.Access;

/// <summary>The audit log's actor for a request: the signed-in operator or the API key's name.</summary>
internal sealed class HttpAuditActorSource(IHttpContextAccessor accessor) : IAuditActorSource
{
    public AuditActor? Current
    {
        get
        {
            var user = accessor.HttpContext?.User;
            if (user?.Identity is not { IsAuthenticated: true, Name: { } name })
            {
                return null;
            }

            return OperatorSessions.IsOperator(user) ? AuditActor.Operator(name) : AuditActor.Key(name);
        }
    }
}
