using Xunit;

namespace UserOps.Automation.Testing;

/// <summary>A fact that needs <see cref="PostgresServer"/>: skipped, with the reason, where PostgreSQL is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
