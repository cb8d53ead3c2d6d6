namespace UserOps.Automation.Core.Rules;

/// <summary>
/// Marks a fact that counts whole days since an instant stored on the entity. In the database the
/// comparison is rewritten into a comparison of that instant, which an index can serve.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DaysSinceAttribute(string instant) : Attribute
{
    public string Instant { get; } = instant;
}
