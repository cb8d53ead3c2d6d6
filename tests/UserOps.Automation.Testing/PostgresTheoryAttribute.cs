using Xunit;

namespace UserOps.Automation.Testing;

/// <summary>A theory that needs <see cref="PostgresServer"/>: skipped, with the reason, where PostgreSQL is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
